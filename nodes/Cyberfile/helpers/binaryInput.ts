import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../transport';
import type { ByteStream } from '../transport';

/** An input item's binary data, for sending: its size and a way to read it as often as needed. */
export interface BinaryInput {
	size: number;
	fileName?: string;
	mimeType?: string;
	/**
	 * The bytes: a fresh stream from n8n's binary store on every call (filesystem, s3 and
	 * database modes), or the buffer itself when n8n keeps binary data in memory (1.x's default).
	 */
	open(): Promise<ByteStream | Buffer>;
}

/**
 * Chunks read from n8n's binary store. Each is a new buffer that only the garbage collector frees,
 * which in n8n's large heap it does late: measured in n8n 2.41 with a 1 GiB upload, 1 MiB chunks
 * left up to 120 MiB of them waiting, 256 KiB chunks under 40 MiB, at the same speed.
 */
const READ_CHUNK_BYTES = 256 * 1024;

/**
 * The chunk size for a file of `size` bytes: a smaller file is read in chunks of its own size.
 * Node's file streams allocate a whole chunk for every read, the last one that finds the end
 * included: a 64 KiB upload read in 256 KiB chunks allocated 576 KiB, and those allocations were
 * a tenth of n8n's CPU time uploading 150 such files (profiled in n8n 2.41).
 */
const chunkSizeFor = (size: number) => Math.max(1, Math.min(READ_CHUNK_BYTES, size));

export async function readBinaryInput(context: IExecuteFunctions, itemIndex: number, propertyName: string): Promise<BinaryInput> {
	const available = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
	if (!available.includes(propertyName)) {
		throw inputError(
			context.getNode(),
			available.length
				? `Parameter "Input Binary Field" is "${propertyName}", but the item has no binary field of that name (it has: ${available.join(', ')})`
				: `Parameter "Input Binary Field" is "${propertyName}", but the item has no binary data at all`,
			itemIndex,
			'Upload takes the file from a binary field of the input item, e.g. one a Read/Write Files from Disk, HTTP Request or Convert to File node made.',
		);
	}
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const { id } = binary;
	if (id) {
		const stored = (size: number) => async () => await context.helpers.getBinaryStream(id, chunkSizeFor(size));
		// n8n 2.x notes the size in bytes on the item: no read of the metadata file (one per item) then.
		if (Number.isSafeInteger(binary.bytes) && binary.bytes! >= 0 && binary.fileName) {
			return { size: binary.bytes!, fileName: binary.fileName, mimeType: binary.mimeType, open: stored(binary.bytes!) };
		}
		const metadata = await context.helpers.getBinaryMetadata(id);
		const size = Number(metadata.fileSize);
		return {
			size,
			fileName: binary.fileName ?? metadata.fileName,
			mimeType: binary.mimeType ?? metadata.mimeType,
			open: stored(size),
		};
	}
	const buffer = Buffer.from(binary.data, 'base64');
	return { size: buffer.length, fileName: binary.fileName, mimeType: binary.mimeType, open: async () => buffer };
}
