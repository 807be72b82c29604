import { resourceDescription, type OperationMap } from '../defineOperation';
import create from './create.operation';
import del from './delete.operation';
import disable from './disable.operation';
import enable from './enable.operation';
import get from './get.operation';
import getMany from './getMany.operation';
import update from './update.operation';

/** The operations of Rule (Inbox rules), in the order the Operation options list them; each names its `<value>.operation.ts`. */
export const RULE_OPERATIONS = ['create', 'delete', 'disable', 'enable', 'get', 'getMany', 'update'] as const;

export type RuleOperation = (typeof RULE_OPERATIONS)[number];

export const rule = { create, delete: del, disable, enable, get, getMany, update } satisfies OperationMap<'rule', RuleOperation>;

export const ruleDescription = resourceDescription('rule', RULE_OPERATIONS, 'getMany', rule);
