import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CredentialHasher } from '@qollqa/platform';
import { QueryFailedError, Repository } from 'typeorm';
import { CreateUserDto, toUserView, UserView } from '../dtos/user.dtos';
import { User } from '../entities/user.entity';
import { UsersException, UsersExceptionCode as Code } from '../users.exception';

const UNIQUE_VIOLATION = '23505';

/**
 * An admin adds a member of staff (POST /api/users); the same path creates the demo users and the
 * first admin of a deployment (`npm run admin -- create-user`). The HTTP body and the command's
 * arguments are validated as CreateUserDto before they get here.
 */
@Injectable()
export class CreateUserService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: CredentialHasher,
  ) {}

  async execute(command: CreateUserDto): Promise<UserView> {
    const passwordHash = await this.hasher.hash(command.password);
    try {
      const [row] = await this.users
        .createQueryBuilder()
        .insert()
        .values({
          username: command.username,
          displayName: command.displayName,
          role: command.role,
          passwordHash,
          active: true,
          tokenVersion: 0,
        })
        .returning(['id'])
        .execute()
        .then((result) => result.raw as { id: string }[]);
      return toUserView(await this.users.findOneByOrFail({ id: row.id }));
    } catch (err) {
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new UsersException(Code.UsernameTaken, `The username ${command.username} is taken`);
      }
      throw err;
    }
  }
}
