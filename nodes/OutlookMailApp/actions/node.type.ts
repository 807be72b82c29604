import type { AllEntities } from 'n8n-workflow';

/** Resource to operation names; the router's lookup is checked against it. */
type NodeMap = {
	message: 'get';
	folder: never;
	attachment: never;
};

export type OutlookMailAppType = AllEntities<NodeMap>;
