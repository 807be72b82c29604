import type { AllEntities } from 'n8n-workflow';

/** Resource to operation names; the router's lookup is checked against it. */
type NodeMap = {
	message: 'copy' | 'createDraft' | 'delete' | 'forward' | 'get' | 'getMany' | 'move' | 'reply' | 'replyAll' | 'send' | 'sendDraft' | 'update' | 'updateDraft';
	folder: 'copy' | 'create' | 'delete' | 'get' | 'getMany' | 'move' | 'rename';
	attachment: 'add' | 'delete' | 'download' | 'get' | 'getMany';
};

export type OutlookMailAppType = AllEntities<NodeMap>;
