/**
 * The resource/operation map is checked by the compiler: `npm run lint` (tsc --noEmit) compiles this file, and
 * each `@ts-expect-error` below fails the build unless the line after it is a type error. So an operation offered
 * in a resource's Operation options without a module, a module no option offers, or a module filed under another
 * operation's value cannot compile. The runtime test below adds what no compiler sees: an `.operation.ts` file
 * left out of its resource's map.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { OperationMap } from '../../nodes/OutlookMailApp/actions/defineOperation';
import { attachment, ATTACHMENT_OPERATIONS } from '../../nodes/OutlookMailApp/actions/attachment';
import { folder, FOLDER_OPERATIONS } from '../../nodes/OutlookMailApp/actions/folder';
import { message, MESSAGE_OPERATIONS, type MessageOperation } from '../../nodes/OutlookMailApp/actions/message';
import { RESOURCE_OPTIONS } from '../../nodes/OutlookMailApp/actions/node.type';

describe('the resource/operation map, checked by tsc', () => {
	it('does not compile with an operation value (an option) that has no module', () => {
		type WithArchive = [...typeof MESSAGE_OPERATIONS, 'archive'];
		// @ts-expect-error "archive" is offered but has no module
		const map: OperationMap<'message', WithArchive[number]> = message;
		expect(Object.keys(map)).not.toContain('archive');
	});

	it('does not compile with a module that no option offers', () => {
		const map = {
			...message,
			// @ts-expect-error "archive" is not a value of the Operation options
			archive: message.move,
		} satisfies OperationMap<'message', MessageOperation>;
		expect(map.archive.operation).toBe('move');
	});

	it('does not compile with a module left out, or filed under another operation\'s value', () => {
		const { copy: _left, ...withoutCopy } = message;
		// @ts-expect-error "copy" has no module any more
		const missing: OperationMap<'message', MessageOperation> = withoutCopy;
		// @ts-expect-error the Move module under "copy"
		const misfiled: OperationMap<'message', MessageOperation> = { ...message, copy: message.move };
		expect([_left.operation, Object.keys(missing).length, misfiled.copy.operation]).toEqual(['copy', 12, 'move']);
	});
});

describe('the resource/operation map, checked against the files', () => {
	const maps = { attachment, folder, message };
	const options = { attachment: ATTACHMENT_OPERATIONS, folder: FOLDER_OPERATIONS, message: MESSAGE_OPERATIONS };

	it('has a map for every resource the node offers', () => {
		expect(Object.keys(maps).sort()).toEqual(RESOURCE_OPTIONS.map((option) => option.value).sort());
	});

	it.each(Object.keys(maps) as Array<keyof typeof maps>)('%s: lists every <operation>.operation.ts of its folder, under its file name', (resource) => {
		const folderPath = join(__dirname, '../../nodes/OutlookMailApp/actions', resource);
		const files = readdirSync(folderPath).filter((name) => name.endsWith('.operation.ts')).map((name) => name.replace(/\.operation\.ts$/, ''));
		expect(Object.keys(maps[resource]).sort()).toEqual(files.sort());
		expect([...options[resource]].sort()).toEqual(files.sort());
		for (const [value, operation] of Object.entries(maps[resource])) {
			expect([operation.resource, operation.operation, operation.option.value]).toEqual([resource, value, value]);
		}
	});
});
