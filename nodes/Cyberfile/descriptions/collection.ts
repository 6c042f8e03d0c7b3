import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** A collection of optional fields ("Update Fields", "Additional Fields", "Options"). */
export function collection(
	displayName: string,
	name: string,
	displayOptions: IDisplayOptions,
	options: INodeProperties[],
	placeholder = 'Add field',
): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, displayOptions, options };
}
