import { resourceDescription, type OperationMap } from '../defineOperation';
import send from './send.operation';

/** The operation of Graph Request (the escape hatch). */
export const GRAPH_REQUEST_OPERATIONS = ['send'] as const;

export type GraphRequestOperation = (typeof GRAPH_REQUEST_OPERATIONS)[number];

export const graphRequest = { send } satisfies OperationMap<'graphRequest', GraphRequestOperation>;

export const graphRequestDescription = resourceDescription('graphRequest', GRAPH_REQUEST_OPERATIONS, 'send', graphRequest);
