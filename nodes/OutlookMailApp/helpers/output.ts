import type { IExecuteFunctions } from 'n8n-workflow';

import { messageSelect } from '../../shared/mail/select';

/** The `$select` the Output parameter asks for (Simplified, Raw, or the Selected Fields), or undefined for Raw. */
export function outputSelect(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const output = context.getNodeParameter('output', itemIndex, 'simple') as string;
	return messageSelect(output, output === 'fields' ? (context.getNodeParameter('fields', itemIndex, []) as string[]) : []);
}
