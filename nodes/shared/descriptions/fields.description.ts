/**
 * Builders of the parameter shapes both nodes use over and over, so that each parameter states only what is its
 * own: a collection of optional parameters, and a choice of options.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

type Extra = Partial<Omit<INodeProperties, 'displayName' | 'name' | 'type' | 'default' | 'options'>>;

/** A collection of optional parameters, such as Additional Fields, Update Fields or Filters. */
export function collection(displayName: string, name: string, placeholder: string, options: INodeProperties[], extra: Extra = {}): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, ...extra, options };
}

/** The "Options" collection of an operation or trigger. */
export function optionsCollection(options: INodeProperties[], extra: Extra = {}): INodeProperties {
	return collection('Options', 'options', 'Add option', options, extra);
}

/** One of a list of options, `defaultValue` chosen unless the user picks another. */
export function choice(displayName: string, name: string, defaultValue: string, options: INodePropertyOptions[], extra: Extra = {}): INodeProperties {
	return { displayName, name, type: 'options', default: defaultValue, options, ...extra };
}
