import type { IDisplayOptions } from 'n8n-workflow';

/** displayOptions that show a parameter for some operations of one resource. */
export const showFor = (resource: string, operations: string[]): IDisplayOptions => ({
	show: { resource: [resource], operation: operations },
});
