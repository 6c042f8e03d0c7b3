import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { folderLocator } from '../../descriptions/locators';
import { checkDestination, folderInfo, ownFolderId } from '../../helpers/folders';
import { toFolder } from '../../helpers/shape';
import { resolveFolderField } from '../../helpers/target';
import { getTarget } from '../../helpers/locator';
import { itemShape } from '../../helpers/values';
import { cyberfileApiRequest } from '../../transport';
import { itemOptions } from '../../descriptions/itemOptions';
import { showFor } from '../common';

const show = showFor('folder', ['move']);

export const description: INodeProperties[] = [
	folderLocator({
		displayName: 'Folder',
		name: 'folderId',
		default: { mode: 'list', value: '' },
		description: 'The folder to move, with everything in it',
		displayOptions: show,
	}),
	folderLocator({
		displayName: 'Destination Folder',
		name: 'destinationFolderId',
		description: 'The folder to move it into: the root folder, or another folder that is not inside the moved one',
		displayOptions: show,
	}),
	itemOptions(show),
];

/**
 * Moves a folder. Both ends are checked first: the site answers an unknown folder with "Failed
 * moving the folder." and would move a folder into its own sub-folder.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const shape = itemShape(this, itemIndex);
	const destinationTarget = getTarget(this, 'destinationFolderId', 'folder', itemIndex, 'Destination Folder');
	const folderId = await ownFolderId(this, 'folderId', 'Folder', itemIndex, 'moved');
	const destination = await resolveFolderField(this, 'destinationFolderId', itemIndex, 'moveTarget', 'Destination Folder', destinationTarget);
	await checkDestination(this, destination.target, { itemIndex, displayName: 'Destination Folder', movingFolderId: folderId });
	await folderInfo(this, folderId, itemIndex, 'Folder');
	const body = await cyberfileApiRequest(this, {
		endpoint: 'folder/move',
		fields: { folder_id: folderId, new_parent_folder_id: destination.value },
		idempotent: true,
		itemIndex,
		subject: { folder: folderId, destination: destination.value },
	});
	return [{ json: toFolder((body.data ?? {}) as IDataObject, shape) }];
}
