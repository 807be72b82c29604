/**
 * "Test Connection" for the Outlook Mail (App) credential: gets a token, reads the application
 * permissions it grants (`roles`), and where they allow a read, makes one cheap request to the default
 * mailbox. Every failure is one sentence saying what to fix.
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INode,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { GraphClient } from './client';
import { CONNECTION_TEXTS } from './credentialTexts';
import { isGraphError } from './graphError';
import { segment, userPath } from './paths';
import { readSettings, type GraphSettings } from './settings';
import { acquireToken, grantedRoles } from './token';
import { credentialTestTransport, type LegacyRequest } from './transport';

/** Application permissions that let the app read a mailbox's folders. */
const READ_ROLES = ['Mail.ReadBasic.All', 'Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'];
const MAIL_ROLE = /^Mail\./;

const TEST_NODE: INode = {
	id: 'credential-test',
	name: 'Test Connection',
	type: 'outlookMailApp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function fail(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

function describeError(error: unknown): string {
	if (isGraphError(error)) return error.hint ?? error.message;
	return error instanceof Error ? error.message : String(error);
}

/** Graph's answer for a user that does not exist (not for a folder or message). */
const MAILBOX_NOT_FOUND = { status: 404, code: ['ErrorInvalidUser', 'Request_ResourceNotFound', 'ResourceNotFound'] } as const;

async function checkMailbox(
	settings: GraphSettings,
	request: LegacyRequest,
): Promise<void> {
	const client = new GraphClient({
		node: TEST_NODE,
		settings,
		transport: credentialTestTransport(request, settings),
	});
	await client.request({
		method: 'GET',
		path: userPath(settings.defaultUserId).child('mailFolders', segment('inbox', 'Folder')),
		query: { $select: 'id' },
	});
}

export async function testOutlookMailAppCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let settings: GraphSettings;
	let roles: string[];
	try {
		settings = readSettings(credential.data ?? {});
		roles = grantedRoles((await acquireToken(settings)).accessToken);
	} catch (error) {
		return fail(describeError(error));
	}

	const mailRoles = roles.filter((role) => MAIL_ROLE.test(role));
	const granted = CONNECTION_TEXTS.granted(mailRoles);
	if (mailRoles.length > 0 && !roles.some((role) => READ_ROLES.includes(role))) {
		return { status: 'OK', message: CONNECTION_TEXTS.notChecked(granted, settings.defaultUserId) };
	}

	// Without mail roles the app may still be allowed in by Exchange RBAC for Applications, which grants
	// mailbox access outside the token: only Graph's answer tells.
	try {
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- a credential test context offers only `request`
		await checkMailbox(settings, this.helpers.request);
	} catch (error) {
		if (mailRoles.length === 0 && isGraphError(error, { status: 403 })) {
			return fail(roles.length === 0 ? CONNECTION_TEXTS.noPermissions : CONNECTION_TEXTS.noMailPermission(roles));
		}
		if (isGraphError(error, MAILBOX_NOT_FOUND)) {
			// The hint of an operation names the Mailbox parameter too; here only the credential's field is in play.
			return fail(CONNECTION_TEXTS.mailboxNotFound(settings.defaultUserId));
		}
		return fail(describeError(error));
	}
	const via = mailRoles.length ? '' : CONNECTION_TEXTS.viaRbac;
	return { status: 'OK', message: CONNECTION_TEXTS.connected(settings.defaultUserId, granted, via) };
}
