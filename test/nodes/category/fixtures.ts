import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl } from '../../helpers/outlook';

export const ADELE = SAMPLE.users.adele.id;

/** `/v1.0/users/{mailbox}/outlook/masterCategories[/{id}]`, as the node addresses them. */
export const categoriesUrl = (id?: string, mailbox?: string) =>
	`${mailboxUrl(mailbox)}/outlook/masterCategories${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

/** A category of Adele's master list by name (the emulator's defaults: Red, Orange, Yellow, Green, Blue, Purple category). */
export function categoryNamed(emulator: Emulator, name: string) {
	const found = emulator.store.categories.list(ADELE).find((category) => category.displayName === name);
	if (!found) throw new Error(`no category ${name}`);
	return found;
}

export const graphBodies = (emulator: Emulator) => emulator.requests.filter((request) => request.kind === 'graph').map((request) => request.body);
