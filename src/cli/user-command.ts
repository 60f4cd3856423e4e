import { addUser } from '../accounts/add-user.ts';
import { AppError } from '../domain/errors.ts';
import { normaliseCreditCode } from '../domain/credit-code.ts';
import { isRole, type Platform, type Role } from '../domain/roles.ts';
import { findOrganisationByCreditCode } from '../store/organisation-repository.ts';
import { openPlatformContext, type CommonOptions } from './runtime.ts';

export async function runUserAdd(
  options: CommonOptions & {
    platform: Platform;
    username: string;
    password?: string;
    passwordStdin?: boolean;
    displayName?: string;
    roles: string;
    organisation?: string;
  },
): Promise<void> {
  const roles = options.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) throw new Error(`unknown role(s): ${unknown.join(', ')}`);
  const password = options.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : options.password;
  if (!password) throw new Error('give --password or --password-stdin');

  const { ctx, store } = await openPlatformContext(options.platform, options, 'user add');
  try {
    let organisationId: string | null = null;
    if (options.organisation) {
      const organisation = await findOrganisationByCreditCode(
        ctx.db,
        normaliseCreditCode(options.organisation),
      );
      if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND');
      organisationId = organisation.id;
    }
    const user = await addUser(ctx, {
      username: options.username,
      displayName: options.displayName ?? options.username,
      password,
      roles: roles as Role[],
      organisationId,
    });
    console.log(`${options.platform}: added user ${user.username} (${user.roles.join(', ')}), id ${user.id}`);
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
