/**
 * Time zones as Exchange accepts them in mailbox settings and dateTimeTimeZone values: a Windows time zone id
 * ("Pacific Standard Time"), or an IANA name ("America/Los_Angeles", the ones Node's Intl knows), or UTC. Each
 * Windows id maps to the IANA zone CLDR's windowsZones.xml gives for its territory "001", so a local date-time can
 * be turned into an instant.
 */

const WINDOWS_ZONES: Readonly<Record<string, string>> = {
	'Dateline Standard Time': 'Etc/GMT+12',
	'UTC-11': 'Etc/GMT+11',
	'Aleutian Standard Time': 'America/Adak',
	'Hawaiian Standard Time': 'Pacific/Honolulu',
	'Marquesas Standard Time': 'Pacific/Marquesas',
	'Alaskan Standard Time': 'America/Anchorage',
	'UTC-09': 'Etc/GMT+9',
	'Pacific Standard Time (Mexico)': 'America/Tijuana',
	'UTC-08': 'Etc/GMT+8',
	'Pacific Standard Time': 'America/Los_Angeles',
	'US Mountain Standard Time': 'America/Phoenix',
	'Mountain Standard Time (Mexico)': 'America/Mazatlan',
	'Mountain Standard Time': 'America/Denver',
	'Yukon Standard Time': 'America/Whitehorse',
	'Central America Standard Time': 'America/Guatemala',
	'Central Standard Time': 'America/Chicago',
	'Easter Island Standard Time': 'Pacific/Easter',
	'Central Standard Time (Mexico)': 'America/Mexico_City',
	'Canada Central Standard Time': 'America/Regina',
	'SA Pacific Standard Time': 'America/Bogota',
	'Eastern Standard Time (Mexico)': 'America/Cancun',
	'Eastern Standard Time': 'America/New_York',
	'Haiti Standard Time': 'America/Port-au-Prince',
	'Cuba Standard Time': 'America/Havana',
	'US Eastern Standard Time': 'America/Indiana/Indianapolis',
	'Turks And Caicos Standard Time': 'America/Grand_Turk',
	'Paraguay Standard Time': 'America/Asuncion',
	'Atlantic Standard Time': 'America/Halifax',
	'Venezuela Standard Time': 'America/Caracas',
	'Central Brazilian Standard Time': 'America/Cuiaba',
	'SA Western Standard Time': 'America/La_Paz',
	'Pacific SA Standard Time': 'America/Santiago',
	'Newfoundland Standard Time': 'America/St_Johns',
	'Tocantins Standard Time': 'America/Araguaina',
	'E. South America Standard Time': 'America/Sao_Paulo',
	'SA Eastern Standard Time': 'America/Cayenne',
	'Argentina Standard Time': 'America/Argentina/Buenos_Aires',
	'Greenland Standard Time': 'America/Nuuk',
	'Montevideo Standard Time': 'America/Montevideo',
	'Magallanes Standard Time': 'America/Punta_Arenas',
	'Saint Pierre Standard Time': 'America/Miquelon',
	'Bahia Standard Time': 'America/Bahia',
	'UTC-02': 'Etc/GMT+2',
	'Mid-Atlantic Standard Time': 'Etc/GMT+2',
	'Azores Standard Time': 'Atlantic/Azores',
	'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
	UTC: 'Etc/UTC',
	'GMT Standard Time': 'Europe/London',
	'Greenwich Standard Time': 'Atlantic/Reykjavik',
	'Sao Tome Standard Time': 'Africa/Sao_Tome',
	'Morocco Standard Time': 'Africa/Casablanca',
	'W. Europe Standard Time': 'Europe/Berlin',
	'Central Europe Standard Time': 'Europe/Budapest',
	'Romance Standard Time': 'Europe/Paris',
	'Central European Standard Time': 'Europe/Warsaw',
	'W. Central Africa Standard Time': 'Africa/Lagos',
	'Jordan Standard Time': 'Asia/Amman',
	'GTB Standard Time': 'Europe/Bucharest',
	'Middle East Standard Time': 'Asia/Beirut',
	'Egypt Standard Time': 'Africa/Cairo',
	'E. Europe Standard Time': 'Europe/Chisinau',
	'Syria Standard Time': 'Asia/Damascus',
	'West Bank Standard Time': 'Asia/Hebron',
	'South Africa Standard Time': 'Africa/Johannesburg',
	'FLE Standard Time': 'Europe/Kyiv',
	'Israel Standard Time': 'Asia/Jerusalem',
	'South Sudan Standard Time': 'Africa/Juba',
	'Kaliningrad Standard Time': 'Europe/Kaliningrad',
	'Sudan Standard Time': 'Africa/Khartoum',
	'Libya Standard Time': 'Africa/Tripoli',
	'Namibia Standard Time': 'Africa/Windhoek',
	'Arabic Standard Time': 'Asia/Baghdad',
	'Turkey Standard Time': 'Europe/Istanbul',
	'Arab Standard Time': 'Asia/Riyadh',
	'Belarus Standard Time': 'Europe/Minsk',
	'Russian Standard Time': 'Europe/Moscow',
	'E. Africa Standard Time': 'Africa/Nairobi',
	'Volgograd Standard Time': 'Europe/Volgograd',
	'Iran Standard Time': 'Asia/Tehran',
	'Arabian Standard Time': 'Asia/Dubai',
	'Astrakhan Standard Time': 'Europe/Astrakhan',
	'Azerbaijan Standard Time': 'Asia/Baku',
	'Russia Time Zone 3': 'Europe/Samara',
	'Mauritius Standard Time': 'Indian/Mauritius',
	'Saratov Standard Time': 'Europe/Saratov',
	'Georgian Standard Time': 'Asia/Tbilisi',
	'Caucasus Standard Time': 'Asia/Yerevan',
	'Afghanistan Standard Time': 'Asia/Kabul',
	'West Asia Standard Time': 'Asia/Tashkent',
	'Ekaterinburg Standard Time': 'Asia/Yekaterinburg',
	'Pakistan Standard Time': 'Asia/Karachi',
	'Qyzylorda Standard Time': 'Asia/Qyzylorda',
	'India Standard Time': 'Asia/Kolkata',
	'Sri Lanka Standard Time': 'Asia/Colombo',
	'Nepal Standard Time': 'Asia/Kathmandu',
	'Central Asia Standard Time': 'Asia/Bishkek',
	'Bangladesh Standard Time': 'Asia/Dhaka',
	'Omsk Standard Time': 'Asia/Omsk',
	'Myanmar Standard Time': 'Asia/Yangon',
	'SE Asia Standard Time': 'Asia/Bangkok',
	'Altai Standard Time': 'Asia/Barnaul',
	'W. Mongolia Standard Time': 'Asia/Hovd',
	'North Asia Standard Time': 'Asia/Krasnoyarsk',
	'N. Central Asia Standard Time': 'Asia/Novosibirsk',
	'Tomsk Standard Time': 'Asia/Tomsk',
	'China Standard Time': 'Asia/Shanghai',
	'North Asia East Standard Time': 'Asia/Irkutsk',
	'Singapore Standard Time': 'Asia/Singapore',
	'W. Australia Standard Time': 'Australia/Perth',
	'Taipei Standard Time': 'Asia/Taipei',
	'Ulaanbaatar Standard Time': 'Asia/Ulaanbaatar',
	'Aus Central W. Standard Time': 'Australia/Eucla',
	'Transbaikal Standard Time': 'Asia/Chita',
	'Tokyo Standard Time': 'Asia/Tokyo',
	'North Korea Standard Time': 'Asia/Pyongyang',
	'Korea Standard Time': 'Asia/Seoul',
	'Yakutsk Standard Time': 'Asia/Yakutsk',
	'Cen. Australia Standard Time': 'Australia/Adelaide',
	'AUS Central Standard Time': 'Australia/Darwin',
	'E. Australia Standard Time': 'Australia/Brisbane',
	'AUS Eastern Standard Time': 'Australia/Sydney',
	'West Pacific Standard Time': 'Pacific/Port_Moresby',
	'Tasmania Standard Time': 'Australia/Hobart',
	'Vladivostok Standard Time': 'Asia/Vladivostok',
	'Lord Howe Standard Time': 'Australia/Lord_Howe',
	'Bougainville Standard Time': 'Pacific/Bougainville',
	'Russia Time Zone 10': 'Asia/Srednekolymsk',
	'Magadan Standard Time': 'Asia/Magadan',
	'Norfolk Standard Time': 'Pacific/Norfolk',
	'Sakhalin Standard Time': 'Asia/Sakhalin',
	'Central Pacific Standard Time': 'Pacific/Guadalcanal',
	'Russia Time Zone 11': 'Asia/Kamchatka',
	'New Zealand Standard Time': 'Pacific/Auckland',
	'UTC+12': 'Etc/GMT-12',
	'Fiji Standard Time': 'Pacific/Fiji',
	'Kamchatka Standard Time': 'Asia/Kamchatka',
	'Chatham Islands Standard Time': 'Pacific/Chatham',
	'UTC+13': 'Etc/GMT-13',
	'Tonga Standard Time': 'Pacific/Tongatapu',
	'Samoa Standard Time': 'Pacific/Apia',
	'Line Islands Standard Time': 'Pacific/Kiritimati',
};

const WINDOWS_BY_LOWER = new Map(Object.keys(WINDOWS_ZONES).map((id) => [id.toLowerCase(), id]));

function isIanaZone(name: string): boolean {
	if (!name.includes('/') && name.toUpperCase() !== 'UTC' && name.toUpperCase() !== 'GMT') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** The IANA zone of a time zone Exchange accepts (Windows id in any case, IANA name, UTC), or undefined. */
export function ianaZone(name: string): string | undefined {
	const windows = WINDOWS_BY_LOWER.get(name.trim().toLowerCase());
	if (windows) return WINDOWS_ZONES[windows];
	return isIanaZone(name.trim()) ? name.trim() : undefined;
}

/** A time zone's name as Exchange keeps it: a Windows id in its canonical spelling, else as given. */
export function canonicalZone(name: string): string {
	return WINDOWS_BY_LOWER.get(name.trim().toLowerCase()) ?? name.trim();
}

/** The offset of an IANA zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(zone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const local = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
	return local - Math.floor(instant / 1000) * 1000;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?Z?$/;

/**
 * The instant of a dateTimeTimeZone (`{dateTime: "2026-03-20T18:00:00.0000000", timeZone: "W. Europe Standard
 * Time"}`), or undefined when the date-time is not a local ISO date-time or the zone is unknown.
 */
export function instantOf(dateTime: string, timeZone: string): number | undefined {
	const match = LOCAL_DATE_TIME.exec(dateTime.trim());
	const zone = ianaZone(timeZone);
	if (!match || !zone) return undefined;
	const [, year, month, day, hour, minute, second = '0', fraction = '0'] = match;
	const asUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
	if (Number.isNaN(asUtc)) return undefined;
	// Two passes settle the offset around a daylight-saving change.
	let instant = asUtc - offsetAt(zone, asUtc);
	instant = asUtc - offsetAt(zone, instant);
	return instant;
}
