import { rolesOnly } from '../../domain/access.ts';

export const security = [{ bearer: [] }];
/** The tenderer, or its entrusted agency (checked per project by the use cases). */
export const owners = rolesOnly('tenderer', 'agency');
export const bidders = rolesOnly('bidder');
