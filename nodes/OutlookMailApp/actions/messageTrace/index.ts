import { resourceDescription, type OperationMap } from '../defineOperation';
import getDetails from './getDetails.operation';
import getMany from './getMany.operation';

/** The operations of Message Trace (tenant-wide), in the order the Operation options list them. */
export const MESSAGE_TRACE_OPERATIONS = ['getDetails', 'getMany'] as const;

export type MessageTraceOperation = (typeof MESSAGE_TRACE_OPERATIONS)[number];

export const messageTrace = { getDetails, getMany } satisfies OperationMap<'messageTrace', MessageTraceOperation>;

export const messageTraceDescription = resourceDescription('messageTrace', MESSAGE_TRACE_OPERATIONS, 'getMany', messageTrace);
