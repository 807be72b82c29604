import { canonicalZone, ianaZone, instantOf } from './time-zones';

describe('time zones', () => {
	it.each([
		['Pacific Standard Time', 'America/Los_Angeles'],
		['w. europe standard time', 'Europe/Berlin'],
		['UTC', 'Etc/UTC'],
		['Europe/Paris', 'Europe/Paris'],
	])('knows %s as %s', (name, zone) => {
		expect(ianaZone(name)).toBe(zone);
	});

	it('knows no zone that is neither a Windows id nor an IANA name', () => {
		expect(ianaZone('Mars Standard Time')).toBeUndefined();
		expect(ianaZone('Europe/Atlantis')).toBeUndefined();
		expect(ianaZone('PST')).toBeUndefined();
	});

	it('spells a Windows id as Windows does, whatever the case given', () => {
		expect(canonicalZone('pacific standard time')).toBe('Pacific Standard Time');
		expect(canonicalZone('Europe/Paris')).toBe('Europe/Paris');
	});

	it('turns a local date-time of a zone into its instant, daylight saving time included', () => {
		expect(instantOf('2026-03-20T18:00:00.0000000', 'UTC')).toBe(Date.UTC(2026, 2, 20, 18));
		expect(instantOf('2026-01-15T09:00:00', 'W. Europe Standard Time')).toBe(Date.UTC(2026, 0, 15, 8));
		expect(instantOf('2026-07-15T09:00:00', 'W. Europe Standard Time')).toBe(Date.UTC(2026, 6, 15, 7));
		expect(instantOf('2026-07-15T09:00:00', 'Pacific Standard Time')).toBe(Date.UTC(2026, 6, 15, 16));
	});

	it('refuses what is not a local date-time, or a zone it does not know', () => {
		expect(instantOf('20 March 2026', 'UTC')).toBeUndefined();
		expect(instantOf('2026-03-20T18:00:00', 'Nowhere')).toBeUndefined();
	});
});
