import { exchangeTimeZone } from '../../../nodes/shared/mail/timeZones';
import { ianaZone } from '../../emulator/graph/time-zones';

describe('exchangeTimeZone', () => {
	it.each([
		['W. Europe Standard Time', 'W. Europe Standard Time', 'Europe/Berlin'],
		['  pacific standard time ', 'Pacific Standard Time', 'America/Los_Angeles'],
		['UTC-11', 'UTC-11', 'Etc/GMT+11'],
		['utc', 'UTC', 'Etc/UTC'],
		['Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin'],
		['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
	])('takes %j as %j (computed in %s)', (given, name, iana) => {
		expect(exchangeTimeZone(given, 'Time Zone')).toEqual({ name, iana });
	});

	it.each(['Central Europe Time', 'Europe/Atlantis', 'CET', 'GMT+1', ''])('refuses %j, naming the field', (given) => {
		expect(() => exchangeTimeZone(given, 'Working Hours Time Zone')).toThrow(
			`Working Hours Time Zone: "${given}" is not a time zone Exchange knows: use a Windows time zone ID such as "W. Europe Standard Time", an IANA name such as "Europe/Berlin", or UTC`,
		);
	});

	it('gives Windows ids the IANA zones the emulator gives them (both from CLDR)', () => {
		for (const id of ['Dateline Standard Time', 'Greenwich Standard Time', 'Tokyo Standard Time', 'Line Islands Standard Time', 'Tonga Standard Time']) {
			expect(exchangeTimeZone(id, 'Time Zone').iana).toBe(ianaZone(id));
		}
	});
});
