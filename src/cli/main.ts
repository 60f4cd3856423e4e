import { Argument, Command, Option } from 'commander';
import { PLATFORMS } from '../domain/roles.ts';
import { VERSION } from '../server/version.ts';
import { archiveCommand } from './archive-command.ts';
import { bidCommand } from './bid-command.ts';
import { caCommand } from './ca-command.ts';
import { cryptoCommand } from './crypto-command.ts';
import { drawCommand } from './draw-command.ts';
import { exchangeCommand } from './exchange-command.ts';
import { exitWithError } from './fail.ts';
import { ledgerCommand } from './ledger-command.ts';
import { ocdsCommand } from './ocds-command.ts';
import { openingKeyCommand } from './opening-key-command.ts';
import { receiptCommand } from './receipt-command.ts';

/**
 * The commands that start services or open databases load their code only when run, so the
 * crypto, ca, bid and receipt tools start without loading the servers.
 */
function lazy<M extends Record<K, (...args: never[]) => Promise<void>>, K extends string>(
  load: () => Promise<M>,
  name: K,
) {
  return async (...args: Parameters<M[K]>): Promise<void> => {
    await (await load())[name](...args);
  };
}

const program = new Command('zhaocai')
  .description(
    '招采 Zhaocai — electronic tendering: transaction platform, public service hub, supervision platform',
  )
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)');

const configOption = () =>
  new Option('-c, --config <file>', 'JSON configuration file (see docs/configuration.md)');
const dataDirOption = () => new Option('--data-dir <dir>', 'where SQLite databases and files live');
const databaseOption = () =>
  new Option(
    '--database <url>',
    'sqlite:<path> or postgres://user:pass@host:5432/db (overrides the configuration)',
  );

program
  .command('serve')
  .description(
    'run one platform service (or the web app, which forwards /<platform>/api to the services) until SIGINT/SIGTERM, then finish in-flight requests and stop',
  )
  .addArgument(new Argument('<service>', 'trading | hub | supervision | web').choices([...PLATFORMS, 'web']))
  .addOption(configOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .option('--host <host>', 'address to listen on')
  .option('--port <port>', 'port to listen on')
  .action(lazy(() => import('./serve-command.ts'), 'runServe'));

program
  .command('migrate')
  .description("apply a service's pending database migrations (services also apply them at start)")
  .addArgument(new Argument('<platform>', 'trading | hub | supervision | all').choices([...PLATFORMS, 'all']))
  .addOption(configOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(lazy(() => import('./migrate-command.ts'), 'runMigrate'));

program
  .command('demo')
  .description('all three services and the web app on embedded SQLite, sandbox clock, demo accounts')
  .addOption(dataDirOption().default('./data'))
  .option('--factor <n>', 'sandbox acceleration: virtual seconds per real second', '1440')
  .option('--no-web', 'do not serve the web app')
  .action(lazy(() => import('./demo.ts'), 'runDemo'));

const user = program.command('user').description('manage user accounts');
user
  .command('add')
  .description('add a user to a platform')
  .requiredOption('--username <name>', 'log-in name (3–64 letters, digits, _ . @ -)')
  .addOption(new Option('--platform <platform>', 'which platform').choices(PLATFORMS).default('trading'))
  .option(
    '--password <password>',
    'password (≥ 8 characters with letters and digits); or use --password-stdin',
  )
  .option('--password-stdin', 'read the password from standard input')
  .option('--display-name <name>', 'name shown in the interface')
  .requiredOption(
    '--roles <roles>',
    'comma-separated: tenderer, agency, bidder, expert, platform_operator, hub_operator, supervisor',
  )
  .option('--organisation <credit-code>', "the user's organisation, by unified social credit code")
  .addOption(configOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(lazy(() => import('./user-command.ts'), 'runUserAdd'));

const organisation = program.command('organisation').alias('org').description('manage organisations');
organisation
  .command('add')
  .description('register an organisation under its unified social credit code')
  .requiredOption('--credit-code <code>', '18-character unified social credit code (GB 32100-2015)')
  .requiredOption('--name <name>', 'registered name')
  .addOption(new Option('--platform <platform>', 'which platform').choices(PLATFORMS).default('trading'))
  .option('--region <region>', 'region')
  .option('--legal-representative <name>', 'legal representative')
  .addOption(configOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(lazy(() => import('./organisation-command.ts'), 'runOrganisationAdd'));

program.addCommand(bidCommand());
program.addCommand(openingKeyCommand());
program.addCommand(caCommand());
program.addCommand(cryptoCommand());
program.addCommand(receiptCommand());
program.addCommand(drawCommand());
program.addCommand(archiveCommand());
program.addCommand(ledgerCommand());
program.addCommand(ocdsCommand());
program.addCommand(exchangeCommand());

program.parseAsync(process.argv).catch((error: unknown) => exitWithError(error));
