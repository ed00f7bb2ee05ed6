// The editing features of the core (completion, hover, code actions, code lens, inlay hints)
// behind thin handlers. Navigation and structure live in startServer.ts.
import type { ServerCapabilities } from 'vscode-languageserver/node';
import type { Session } from './session';

export const FEATURE_CAPABILITIES: ServerCapabilities = {};

export function registerFeatures(_session: Session): void {}
