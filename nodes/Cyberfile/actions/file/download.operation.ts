import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocator } from '../../descriptions/locators';
import { downloadFile } from '../../helpers/download';
import { resolveFileId } from '../../helpers/target';
import { requiredText } from '../../helpers/values';
import { showFor } from '../common';

const show = showFor('file', ['download']);

export const description: INodeProperties[] = [
	fileLocator({ displayName: 'File', name: 'fileId', displayOptions: show }),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show,
		hint: 'The name of the output binary field to put the file in',
	},
];

/** The input item, its JSON and binary data kept (as n8n's Google Drive node does), plus the file. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const propertyName = requiredText(this, this.getNodeParameter('binaryPropertyName', itemIndex), 'Put Output File in Field', itemIndex);
	const fileId = await resolveFileId(this, 'fileId', itemIndex);
	const binary = await downloadFile(this, fileId, itemIndex);
	const item = this.getInputData()[itemIndex];
	return [{ json: item.json, binary: { ...item.binary, [propertyName]: binary } }];
}
