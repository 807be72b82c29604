import { type OperationMap, type OperationOption, type OperationValue, resourceDescription } from '../defineOperation';
import copy from './copy.operation';
import create from './create.operation';
import del from './delete.operation';
import get from './get.operation';
import getMany from './getMany.operation';
import move from './move.operation';
import rename from './rename.operation';

/** The Operation options of Folder; each value names its `<value>.operation.ts`. */
export const FOLDER_OPERATIONS = [
	{ name: 'Copy', value: 'copy', description: 'Copy a folder into another folder', action: 'Copy a folder into another folder' },
	{ name: 'Create', value: 'create', description: 'Create a folder', action: 'Create a folder' },
	{ name: 'Delete', value: 'delete', description: 'Delete a folder', action: 'Delete a folder' },
	{ name: 'Get', value: 'get', description: 'Get a folder', action: 'Get a folder' },
	{ name: 'Get Many', value: 'getMany', description: 'List folders', action: 'Get many folders with their full paths' },
	{ name: 'Move', value: 'move', description: 'Move a folder into another folder', action: 'Move a folder into another folder' },
	{ name: 'Rename', value: 'rename', description: 'Rename a folder', action: 'Rename a folder' },
] as const satisfies readonly OperationOption[];

export type FolderOperation = OperationValue<typeof FOLDER_OPERATIONS>;

export const folder = { copy, create, delete: del, get, getMany, move, rename } satisfies OperationMap<'folder', FolderOperation>;

export const folderDescription = resourceDescription('folder', FOLDER_OPERATIONS, 'getMany', folder);
