import { type OperationMap, resourceDescription } from '../defineOperation';
import create from './create.operation';
import del from './delete.operation';
import getMany from './getMany.operation';
import update from './update.operation';

/** The operations of Category, in the order the Operation options list them; each names its `<value>.operation.ts`. */
export const CATEGORY_OPERATIONS = ['create', 'delete', 'getMany', 'update'] as const;

export type CategoryOperation = (typeof CATEGORY_OPERATIONS)[number];

export const category = { create, delete: del, getMany, update } satisfies OperationMap<'category', CategoryOperation>;

export const categoryDescription = resourceDescription('category', CATEGORY_OPERATIONS, 'getMany', category);
