import type { IDataObject } from 'n8n-workflow';

import { fileToFolderOperation } from '../../helpers/fileToFolder';
import { toFile } from '../../helpers/shape';

export const { description, execute } = fileToFolderOperation({
	operation: 'move',
	endpoint: 'file/move',
	destinationField: 'new_parent_folder_id',
	idempotent: true,
	output: (body, shape) => toFile((body.data ?? {}) as IDataObject, shape),
});
