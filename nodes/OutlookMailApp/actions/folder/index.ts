import { resourceDescription, type OperationMap } from '../defineOperation';
import copy from './copy.operation';
import create from './create.operation';
import del from './delete.operation';
import get from './get.operation';
import getMany from './getMany.operation';
import move from './move.operation';
import rename from './rename.operation';

/** The operations of Folder, in the order the Operation options list them; each names its `<value>.operation.ts`. */
export const FOLDER_OPERATIONS = ['copy', 'create', 'delete', 'get', 'getMany', 'move', 'rename'] as const;

export type FolderOperation = (typeof FOLDER_OPERATIONS)[number];

export const folder = { copy, create, delete: del, get, getMany, move, rename } satisfies OperationMap<'folder', FolderOperation>;

export const folderDescription = resourceDescription('folder', FOLDER_OPERATIONS, 'getMany', folder);
