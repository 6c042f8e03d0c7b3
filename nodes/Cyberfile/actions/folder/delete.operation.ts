import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { folderLocator } from '../../descriptions/locators';
import { folderInfo, ownFolderId } from '../../helpers/folders';
import { isTrashed } from '../../helpers/listing';
import { toFolder } from '../../helpers/shape';
import { itemShape } from '../../helpers/values';
import { cyberfileApiRequest } from '../../transport';
import { itemOptions } from '../../descriptions/itemOptions';
import { showFor } from '../common';

export const description: INodeProperties[] = [
	folderLocator({
		displayName: 'Folder',
		name: 'folderId',
		default: { mode: 'list', value: '' },
		description:
			'The folder to move to the trash, with all its sub-folders and files. Cyberfile has no restore and no permanent delete through the API.',
		displayOptions: showFor('folder', ['delete']),
	}),
	itemOptions(showFor('folder', ['delete'])),
];

const TRASHED = 'The folder, its sub-folders and their files were moved to the trash';

/**
 * Trashes a folder and its whole subtree. The folder is read first: the site answers an unknown
 * id with "Failed deleting the folder.", and its answer to a delete carries no folder.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const shape = itemShape(this, itemIndex);
	const folderId = await ownFolderId(this, 'folderId', 'Folder', itemIndex, 'deleted');
	const folder = toFolder(await folderInfo(this, folderId, itemIndex, 'Folder'), shape);
	const alreadyInTrash = isTrashed(folder);
	if (!alreadyInTrash) {
		await cyberfileApiRequest(this, {
			endpoint: 'folder/delete',
			fields: { folder_id: folderId },
			idempotent: true,
			itemIndex,
			subject: { folder: folderId },
		});
	}
	return [{ json: { ...folder, status: 'trash', deleted: true, alreadyInTrash, message: TRASHED } }];
}
