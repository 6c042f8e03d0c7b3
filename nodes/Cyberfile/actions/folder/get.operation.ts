import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { folderLocator } from '../../descriptions/locators';
import { folderInfo, rootFolderItem } from '../../helpers/folders';
import { toFolder } from '../../helpers/shape';
import { siteCheckedTarget } from '../../helpers/target';
import { itemShape } from '../../helpers/values';
import { itemOptions } from '../../descriptions/itemOptions';
import { showFor } from '../common';

export const description: INodeProperties[] = [
	folderLocator({
		displayName: 'Folder',
		name: 'folderId',
		description:
			'The folder to get: pick it, paste its link or give its ID. The root folder gives an item with ID "root" and its counts of files and sub-folders.',
		displayOptions: showFor('folder', ['get']),
	}),
	itemOptions(showFor('folder', ['get'])),
];

/**
 * A folder's details. The API has none for the root folder, which is still a folder to the user
 * (the locator's default, and what an empty `parentId` leads back to): it gets an item of the same
 * shape, built from the root listing.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const shape = itemShape(this, itemIndex);
	const target = await siteCheckedTarget(this, 'folderId', 'folder', itemIndex, 'Folder');
	if (!('id' in target)) return [{ json: await rootFolderItem(this, itemIndex) }];
	return [{ json: toFolder(await folderInfo(this, target.id, itemIndex, 'Folder'), shape) }];
}
