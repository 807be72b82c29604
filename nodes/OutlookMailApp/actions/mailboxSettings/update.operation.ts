import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/descriptions/fields.description';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { mailboxSettingsPath } from '../../../shared/mail/paths';
import { exchangeTimeZone } from '../../../shared/mail/timeZones';
import { DAYS_OF_WEEK, daysOfWeek, localeTag, timeOfDay } from '../../helpers/settings';
import { defineOperation } from '../defineOperation';

const TIME_ZONE_HELP = 'A Windows time zone ID (such as W. Europe Standard Time), an IANA name (such as Europe/Berlin), or UTC';

const properties: INodeProperties[] = [
	collection('Update Fields', 'updateFields', 'Add Field', [
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'e.g. de-DE',
			description: 'The language of the mailbox, as a language tag with its country',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. W. Europe Standard Time',
			description: `The mailbox's time zone. ${TIME_ZONE_HELP}.`,
		},
		{
			displayName: 'Working Days',
			name: 'workingDays',
			type: 'multiOptions',
			default: [],
			options: DAYS_OF_WEEK.map((day) => ({ name: day[0].toUpperCase() + day.slice(1), value: day })),
			description: 'The days of the working week',
		},
		{
			displayName: 'Working Hours End',
			name: 'workingHoursEnd',
			type: 'string',
			default: '',
			placeholder: 'e.g. 17:00',
			description: 'When the working day ends (HH:mm), after its start',
		},
		{
			displayName: 'Working Hours Start',
			name: 'workingHoursStart',
			type: 'string',
			default: '',
			placeholder: 'e.g. 08:30',
			description: 'When the working day starts (HH:mm)',
		},
		{
			displayName: 'Working Hours Time Zone',
			name: 'workingHoursTimeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. W. Europe Standard Time',
			description: `The time zone of the working hours. ${TIME_ZONE_HELP}.`,
		},
	], { description: 'Only the fields added here change; working hours not given keep their current value' }),
];

const WORKING_HOURS_FIELDS = ['workingDays', 'workingHoursStart', 'workingHoursEnd', 'workingHoursTimeZone'];

interface WorkingHours {
	daysOfWeek?: string[];
	startTime?: string;
	endTime?: string;
	timeZone?: { name?: string };
}

export default defineOperation({
	resource: 'mailboxSettings',
	operation: 'update',
	option: { name: 'Update', description: 'Change the time zone, language or working hours', action: 'Update mailbox settings' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const path = mailboxSettingsPath(mailbox);

		const patch: IDataObject = {};
		if (fields.timeZone !== undefined) patch.timeZone = exchangeTimeZone(fields.timeZone, 'Time Zone').name;
		if (fields.language !== undefined) patch.language = { locale: localeTag(fields.language, 'Language') };
		const given = WORKING_HOURS_FIELDS.filter((name) => fields[name] !== undefined);
		if (given.length > 0) {
			const hours: WorkingHours = {};
			if (fields.workingDays !== undefined) hours.daysOfWeek = daysOfWeek(fields.workingDays, 'Working Days');
			if (fields.workingHoursStart !== undefined) hours.startTime = timeOfDay(fields.workingHoursStart, 'Working Hours Start');
			if (fields.workingHoursEnd !== undefined) hours.endTime = timeOfDay(fields.workingHoursEnd, 'Working Hours End');
			if (fields.workingHoursTimeZone !== undefined) {
				hours.timeZone = { name: exchangeTimeZone(fields.workingHoursTimeZone, 'Working Hours Time Zone').name };
			}
			// Graph takes working hours whole: what is not given keeps the mailbox's current value.
			const current =
				given.length < WORKING_HOURS_FIELDS.length
					? await client.request<WorkingHours>({ method: 'GET', path: path.child('workingHours'), itemIndex })
					: {};
			const whole: WorkingHours = {
				daysOfWeek: hours.daysOfWeek ?? current.daysOfWeek,
				startTime: hours.startTime ?? current.startTime?.slice(0, 8),
				endTime: hours.endTime ?? current.endTime?.slice(0, 8),
				timeZone: hours.timeZone ?? (current.timeZone?.name ? { name: current.timeZone.name } : undefined),
			};
			if (whole.startTime && whole.endTime && whole.startTime >= whole.endTime) {
				throw new GraphInputError('Working Hours End', INPUT_TEXTS.workingHoursOrder(whole.startTime.slice(0, 5), whole.endTime.slice(0, 5)));
			}
			patch.workingHours = whole;
		}
		if (Object.keys(patch).length === 0) throw new GraphInputError('Update Fields', INPUT_TEXTS.nothingToUpdate);

		const answer = await client.request<IDataObject>({ method: 'PATCH', path, body: patch, itemIndex });
		return [{ json: withoutAnnotations(answer) }];
	},
});
