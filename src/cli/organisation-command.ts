import { registerOrganisation } from '../accounts/register-organisation.ts';
import type { Platform } from '../domain/roles.ts';
import { openPlatformContext, type CommonOptions } from './runtime.ts';

export async function runOrganisationAdd(
  options: CommonOptions & {
    platform: Platform;
    creditCode: string;
    name: string;
    region?: string;
    legalRepresentative?: string;
  },
): Promise<void> {
  const { ctx, store } = await openPlatformContext(options.platform, options, 'organisation add');
  try {
    const organisation = await registerOrganisation(ctx, options);
    console.log(
      `${options.platform}: registered ${organisation.creditCode} ${organisation.name} (id ${organisation.id})`,
    );
  } finally {
    await store.close();
  }
}
