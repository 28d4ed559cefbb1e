/**
 * `npm run admin -- <command>`: administration from the command line, against the gateway's
 * database (DATABASE_URL). A production deployment gets its first admin here, never from demo data:
 *
 *   npm run admin -- create-user --username ana --display-name "Ana Quispe" --role admin --password-file ./pw
 *   printf '%s' "$PASSWORD" | npm run admin -- create-user --username ana --display-name "Ana Quispe" --role admin
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AdminCliModule } from './admin/admin-cli.module';
import { CREATE_USER_USAGE, createUserCommand } from './admin/create-user-command';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'create-user') {
    console.error(CREATE_USER_USAGE);
    process.exitCode = command === undefined || command === '--help' ? 0 : 2;
    return;
  }
  const user = await createUserCommand(args, () =>
    NestFactory.createApplicationContext(AdminCliModule, { logger: ['error'] }),
  );
  console.log(`Created ${user.role} "${user.username}" (${user.displayName}), id ${user.id}.`);
}

main().catch((err) => {
  console.error(err?.message ?? err);
  process.exit(1);
});
