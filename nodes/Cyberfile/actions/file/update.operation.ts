import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocator, folderLocator } from '../../descriptions/locators';
import { checkedName } from '../../helpers/names';
import { toFile } from '../../helpers/shape';
import { folderFieldValue, resolveFileId } from '../../helpers/target';
import { parseTarget } from '../../helpers/locator';
import { cyberfileApiData, inputError } from '../../transport';
import { showFor } from '../common';

const show = showFor('file', ['update']);

export const description: INodeProperties[] = [
	fileLocator({ displayName: 'File', name: 'fileId', displayOptions: show }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'The new name, extension included',
			},
			{
				displayName: 'MIME Type',
				name: 'mimeType',
				type: 'string',
				default: '',
				placeholder: 'application/pdf',
				description: 'The new MIME type of the file',
			},
			folderLocator({
				displayName: 'Folder',
				name: 'folderId',
				required: false,
				description: 'Move the file into this folder (the root folder included)',
			}),
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fileId = await resolveFileId(this, 'fileId', itemIndex);
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const fields: IDataObject = { file_id: fileId };
	if (updates.fileName !== undefined) fields.filename = checkedName(this, updates.fileName, 'Update Fields > File Name', itemIndex);
	if (updates.mimeType !== undefined) {
		const mimeType = String(updates.mimeType).trim();
		if (!/^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) {
			throw inputError(this.getNode(), `Parameter "Update Fields > MIME Type" must look like type/subtype, such as application/pdf (got "${mimeType}")`, itemIndex);
		}
		fields.fileType = mimeType;
	}
	if (updates.folderId !== undefined) {
		const raw = (updates.folderId as IDataObject)?.__rl ? (updates.folderId as IDataObject).value : updates.folderId;
		const target = parseTarget('folder', raw);
		if (typeof target === 'string') throw inputError(this.getNode(), `Parameter "Update Fields > Folder" ${target}`, itemIndex);
		fields.folder_id = folderFieldValue(target, 'moveTarget');
	}
	if (Object.keys(fields).length === 1) {
		throw inputError(this.getNode(), 'Parameter "Update Fields" is empty: add the file name, MIME type or folder to change', itemIndex);
	}
	const data = await cyberfileApiData(this, {
		endpoint: 'file/edit',
		fields,
		idempotent: true,
		itemIndex,
		subject: { file: fileId },
	});
	return [{ json: toFile(data) }];
}
