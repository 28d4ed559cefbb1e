import { INestApplicationContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parseArgs } from 'node:util';
import { CreateUserDto, UserView } from '../../apps/gateway/src/users/dtos/user.dtos';
import { CreateUserService } from '../../apps/gateway/src/users/services/create-user.service';
import { readPassword } from './read-password';

export const CREATE_USER_USAGE = `Usage: npm run admin -- create-user --username <name> --display-name "<name>" \\
         --role admin|fund_manager|loan_officer [--password-file <file>]

The password is read from --password-file (- for stdin), else from stdin when it is piped, else
typed at a prompt that does not echo it. It must be 12 to 128 characters.`;

/**
 * `create-user`: adds a member of staff through the same use case as POST /api/users, with the same
 * validation. A production deployment gets its first admin this way.
 */
export async function createUserCommand(
  args: string[],
  app: () => Promise<INestApplicationContext>,
): Promise<UserView> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      'password-file': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const password = await readPassword(values['password-file']);
  const command = plainToInstance(CreateUserDto, {
    username: values.username,
    displayName: values['display-name'],
    role: values.role,
    password,
  });
  const errors = await validate(command, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`Not created:\n  - ${problems.join('\n  - ')}`);
  }
  const context = await app();
  try {
    return await context.get(CreateUserService).execute(command);
  } finally {
    await context.close();
  }
}
