import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { fileLocator, folderLocator } from '../../descriptions/locators';
import { checkedName } from '../../helpers/names';
import { toFile } from '../../helpers/shape';
import { folderFieldValue, resolveFileId, resolveTarget } from '../../helpers/target';
import { checkedTarget, getTarget } from '../../helpers/locator';
import type { ResolvedTarget } from '../../helpers/locator';
import { requireUpdates, sendEdit } from '../../helpers/edit';
import { itemShape, textValue } from '../../helpers/values';
import { inputError } from '../../transport';
import { itemOptions } from '../../descriptions/itemOptions';
import { showFor } from '../common';

const show = showFor('file', ['update']);

export const description: INodeProperties[] = [
	fileLocator({ displayName: 'File', name: 'fileId', displayOptions: show }),
	collection('Update Fields', 'updateFields', show, [
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
	]),
	itemOptions(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const shape = itemShape(this, itemIndex);
	const fields: IDataObject = {};
	if (updates.fileName !== undefined) fields.filename = checkedName(this, updates.fileName, 'Update Fields > File Name', itemIndex);
	if (updates.mimeType !== undefined) {
		const mimeType = textValue(this, updates.mimeType, 'Update Fields > MIME Type', itemIndex).trim();
		if (!/^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) {
			throw inputError(this.getNode(), `Parameter "Update Fields > MIME Type" must look like type/subtype, such as application/pdf (got "${mimeType}")`, itemIndex);
		}
		fields.fileType = mimeType;
	}
	const parsedFolder = updates.folderId !== undefined ? checkedTarget(this, 'folder', updates.folderId, itemIndex, 'Update Fields > Folder') : undefined;
	if (parsedFolder) fields.folder_id = '';
	requireUpdates(this, fields, 'file name, MIME type or folder', itemIndex);
	const fileTarget = getTarget(this, 'fileId', 'file', itemIndex, 'File');
	let folder: ResolvedTarget | undefined;
	if (parsedFolder) {
		folder = await resolveTarget(this, 'folder', parsedFolder, itemIndex, 'Update Fields > Folder');
		fields.folder_id = folderFieldValue(folder, 'moveTarget');
	}
	const fileId = await resolveFileId(this, 'fileId', itemIndex, 'File', fileTarget);
	const newFolder = folder && { target: folder, displayName: 'Update Fields > Folder' };
	const data = await sendEdit(this, { kind: 'file', id: fileId, fields, newFolder, itemIndex });
	return [{ json: toFile(data, shape) }];
}
