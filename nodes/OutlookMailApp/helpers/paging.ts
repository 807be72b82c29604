import type { IExecuteFunctions } from 'n8n-workflow';

/** The chosen limit, or undefined for Return All. */
export function limitOf(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	return Math.max(1, Math.floor(Number(context.getNodeParameter('limit', itemIndex, 50))));
}
