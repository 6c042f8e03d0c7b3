export { cyberfileApiRequest, cyberfileApiData } from './request';
export type { ApiCall } from './request';
export { apiError, inputError, toNodeError } from './errors';
export { limitRequests } from './inFlight';
export { sessionFields } from './session';
export { downloadStream } from './fileHost';
export { keepingSessionAlive } from './keepAlive';
export { readableFrom } from './stream';
export type { ByteStream, CyberfileContext, Session, StreamedBody } from './types';
