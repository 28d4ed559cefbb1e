import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators/auth.decorators';
import {
  CreateUserDto,
  ListUsersQuery,
  SetPasswordDto,
  UpdateUserDto,
  UsersPage,
  UserView,
} from './dtos/user.dtos';
import { CreateUserService } from './services/create-user.service';
import { ListUsersService } from './services/list-users.service';
import { ResetPasswordService } from './services/reset-password.service';
import { UpdateUserService } from './services/update-user.service';

const USER_ID = { name: 'id', format: 'uuid', description: "The user's id" };

/** Staff accounts, managed by admins through the API (API.md "Users (admin)"). */
@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No token, or a token that is not valid any more' })
@ApiForbiddenResponse({ description: 'Not an admin' })
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersService,
    private readonly createUser: CreateUserService,
    private readonly updateUser: UpdateUserService,
    private readonly resetPassword: ResetPasswordService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List staff accounts', description: 'Roles: admin. By username.' })
  @ApiOkResponse({ type: UsersPage })
  list(@Query() query: ListUsersQuery): Promise<UsersPage> {
    return this.listUsers.execute(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a member of staff',
    description: 'Roles: admin. The answer never holds the password or its hash.',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiBadRequestResponse({
    description: 'A username outside a-z 0-9 . _ - (3–40), a password outside 12–128 characters',
  })
  @ApiConflictResponse({ description: 'The username is taken' })
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.createUser.execute(body);
  }

  @Patch(':id')
  @ApiParam(USER_ID)
  @ApiOperation({
    summary: 'Change a display name, a role, or deactivate',
    description:
      'Roles: admin. A deactivated user can no longer sign in, and every token it holds stops working at once; ' +
      'after a role change its earlier tokens stop working too (it signs in again with the new role).',
  })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({
    description: 'The last active admin can be neither deactivated nor given another role',
  })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.updateUser.execute(id, body);
  }

  @Post(':id/password')
  @ApiParam(USER_ID)
  @HttpCode(200)
  @ApiOperation({
    summary: "Set a user's password",
    description: "Roles: admin. The user's earlier tokens stop working.",
  })
  @ApiOkResponse({ type: UserView })
  @ApiBadRequestResponse({ description: 'A password outside 12–128 characters' })
  @ApiNotFoundResponse({ description: 'No such user' })
  setPassword(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SetPasswordDto,
  ): Promise<UserView> {
    return this.resetPassword.execute(id, body.password);
  }
}
