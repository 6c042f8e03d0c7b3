import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { itemOptions } from '../descriptions/itemOptions';
import { fileLocator, folderLocator } from '../descriptions/locators';
import type { ShapeOptions } from './shape';
import { itemShape } from './values';
import { cyberfileApiRequest } from '../transport';
import { showFor } from '../actions/common';
import { getTarget } from './locator';
import { resolveFileId, resolveFolderField } from './target';

/** Move and copy: a file, a destination folder (root included), one call. */
export function fileToFolderOperation(spec: {
	operation: string;
	endpoint: string;
	destinationField: string;
	/** Whether running it twice does no more than once (a move is; a copy is not). */
	idempotent: boolean;
	/** What may have happened when an answer leaves the outcome unknown (for a call that is not idempotent). */
	unknownOutcome?: string;
	output: (body: IDataObject, shape: ShapeOptions) => IDataObject;
}) {
	const show = showFor('file', [spec.operation]);
	const description: INodeProperties[] = [
		fileLocator({ displayName: 'File', name: 'fileId', displayOptions: show }),
		folderLocator({ displayName: 'Destination Folder', name: 'destinationFolderId', displayOptions: show }),
		itemOptions(show),
	];

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const shape = itemShape(this, itemIndex);
		// Both parsed (and refused if bad) before either is looked up.
		const destinationTarget = getTarget(this, 'destinationFolderId', 'folder', itemIndex, 'Destination Folder');
		const fileTarget = getTarget(this, 'fileId', 'file', itemIndex, 'File');
		const destination = await resolveFolderField(this, 'destinationFolderId', itemIndex, 'moveTarget', 'Destination Folder', destinationTarget);
		const fileId = await resolveFileId(this, 'fileId', itemIndex, 'File', fileTarget);
		const body = await cyberfileApiRequest(this, {
			endpoint: spec.endpoint,
			fields: { file_id: fileId, [spec.destinationField]: destination.value },
			idempotent: spec.idempotent,
			unknownOutcome: spec.unknownOutcome,
			itemIndex,
			subject: { file: fileId, destination: destination.value },
		});
		return [{ json: spec.output(body, shape) }];
	}

	return { description, execute };
}
