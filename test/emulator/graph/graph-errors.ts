import { CategoryExistsError } from '../state/categories';
import { SyncStateNotFoundError, syncStateMessage } from '../state/delta';
import { ReadOnlyRuleError } from '../state/rules';
import { GraphError } from '../http/errors';
import {
	DistinguishedFolderError,
	FolderCycleError,
	FolderExistsError,
	ItemNotFoundError,
	MailboxAccessDeniedError,
	MailboxNotEnabledError,
	MalformedIdError,
	UnknownGroupError,
	UnknownUserError,
} from '../state/store';

/**
 * The one table from the store's typed errors to Graph's answers. The user-not-found answer depends on the
 * workload: the directory (GET /users/{id}) says Request_ResourceNotFound, Exchange (mail routes) ErrorInvalidUser.
 */

export type Workload = 'directory' | 'exchange';

type ErrorClass = abstract new (...args: never[]) => Error;

const TABLE: readonly [ErrorClass, (error: Error, workload: Workload) => GraphError][] = [
	[
		UnknownUserError,
		(error, workload) => {
			const { user } = error as UnknownUserError;
			return workload === 'directory'
				? new GraphError(404, 'Request_ResourceNotFound', `Resource '${user}' does not exist or one of its queried reference-property objects are not present.`)
				: new GraphError(404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`);
		},
	],
	[
		MailboxNotEnabledError,
		() => new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.'),
	],
	[
		UnknownGroupError,
		(error) =>
			new GraphError(
				404,
				'Request_ResourceNotFound',
				`Resource '${(error as UnknownGroupError).group}' does not exist or one of its queried reference-property objects are not present.`,
			),
	],
	[
		MailboxAccessDeniedError,
		(error) =>
			(error as MailboxAccessDeniedError).restriction === 'applicationAccessPolicy'
				? new GraphError(403, 'ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.')
				: new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
	],
	[MalformedIdError, () => new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.')],
	[ItemNotFoundError, () => new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.')],
	[FolderExistsError, () => new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.')],
	[
		DistinguishedFolderError,
		(error) => {
			switch ((error as DistinguishedFolderError).operation) {
				case 'delete':
					return new GraphError(400, 'ErrorDeleteDistinguishedFolder', 'Distinguished folders cannot be deleted.');
				case 'move':
					return new GraphError(400, 'ErrorMoveDistinguishedFolder', 'Cannot move distinguished folder.');
				default:
					return new GraphError(400, 'ErrorInvalidOperation', 'Distinguished folders cannot be renamed.');
			}
		},
	],
	[FolderCycleError, () => new GraphError(400, 'ErrorMoveCopyFailed', 'The move or copy operation failed.')],
	[
		CategoryExistsError,
		(error) => new GraphError(409, 'ErrorDuplicateCategory', `A category with the display name '${(error as CategoryExistsError).displayName}' already exists.`),
	],
	[ReadOnlyRuleError, () => new GraphError(400, 'ErrorNotSupportedMessageRule', 'This rule is read-only: it cannot be changed or deleted through the rules API.')],
	[
		SyncStateNotFoundError,
		(error) => {
			const { generation, highest } = error as SyncStateNotFoundError;
			return new GraphError(410, 'SyncStateNotFound', syncStateMessage(generation, highest));
		},
	],
];

/** Graph's answer for an error thrown by the store, or the error itself when it is not one of the store's. */
export function toGraphError(error: unknown, workload: Workload): unknown {
	for (const [type, map] of TABLE) {
		if (error instanceof type) return map(error, workload);
	}
	return error;
}
