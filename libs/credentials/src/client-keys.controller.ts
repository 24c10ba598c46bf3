import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminAuth, ApiParamFrom, ApiQueryFrom, ErrorResponseDto, ParamRulePipe, SchemaPipe } from '@app/common';
import { StoredKey } from './client-key';
import {
  ISSUE_KEY_SCHEMA,
  IssueKeyBody,
  KEY_ID_SCHEMA,
  LIST_KEYS_QUERY_SCHEMA,
  ListKeysQuery,
  ROTATE_KEY_SCHEMA,
  RotateKeyBody,
} from './client-keys-request.dto';
import { ClientKeyDto, ClientKeyPageDto, IssuedKeyDto, RotatedKeyDto } from './client-keys-response.dto';
import { ClientKeysService, IssuedKey } from './client-keys.service';

const KeyId = () => Param('id', new ParamRulePipe(KEY_ID_SCHEMA, 'id'));
const seconds = (value: number | undefined) => (value === undefined ? undefined : value * 1000);

/** Client keys kept in the database: issue, list, rotate, revoke (docs/credentials.md). Never answers a key twice. */
@ApiTags('client-keys')
@AdminAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid query, body or id' })
@Controller('client-keys')
export class ClientKeysController {
  constructor(private readonly keys: ClientKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a key for a store, or for one of its devices',
    description: 'The answer is the only time the key is shown: only its SHA-256 is stored.',
  })
  @ApiBody({ schema: ISSUE_KEY_SCHEMA })
  @ApiCreatedResponse({ type: IssuedKeyDto })
  async issue(@Body(new SchemaPipe(ISSUE_KEY_SCHEMA, 'body')) body: IssueKeyBody): Promise<IssuedKeyDto> {
    const issued = await this.keys.issue({
      clientId: body.client_id,
      deviceId: body.device_id,
      label: body.label,
      expiresInMs: seconds(body.expires_in_seconds),
    });
    return this.issued(issued);
  }

  @Get()
  @ApiOperation({ summary: 'Keys, newest first (never the keys themselves); active ones unless include_inactive' })
  @ApiQueryFrom(LIST_KEYS_QUERY_SCHEMA)
  @ApiOkResponse({ type: ClientKeyPageDto })
  async list(@Query(new SchemaPipe(LIST_KEYS_QUERY_SCHEMA, 'query')) query: ListKeysQuery): Promise<ClientKeyPageDto> {
    const { page = 1, limit = 100 } = query;
    const { items, total } = await this.keys.list(
      { clientId: query.client_id, deviceId: query.device_id, includeInactive: query.include_inactive },
      page,
      limit,
    );
    return { items: items.map((k) => this.map(k)), total, page, limit };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One key (never the key itself)' })
  @ApiParamFrom('id', KEY_ID_SCHEMA)
  @ApiOkResponse({ type: ClientKeyDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such key' })
  async find(@KeyId() id: string): Promise<ClientKeyDto> {
    return this.map(this.found(await this.keys.find(id), id));
  }

  @Post(':id/rotate')
  @ApiOperation({
    summary: 'Rotate a key: a new key for the same store and device, the old one working for a grace period',
    description:
      'The grace period is grace_seconds, CLIENT_KEY_ROTATE_GRACE (24 h) by default; the old key then expires. The new key is shown this once.',
  })
  @ApiParamFrom('id', KEY_ID_SCHEMA)
  @ApiBody({ schema: ROTATE_KEY_SCHEMA, required: false })
  @ApiCreatedResponse({ type: RotatedKeyDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such key' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The key is revoked or expired: issue a new one' })
  async rotate(
    @KeyId() id: string,
    @Body(new SchemaPipe(ROTATE_KEY_SCHEMA, 'body')) body: RotateKeyBody,
  ): Promise<RotatedKeyDto> {
    const outcome = await this.keys.rotate(id, {
      graceMs: seconds(body.grace_seconds),
      expiresInMs: seconds(body.expires_in_seconds),
    });
    if ('refused' in outcome) {
      if (outcome.refused === 'not_found') this.found(undefined, id);
      throw new ConflictException(`Key ${id} is revoked or expired: issue a new one`);
    }
    return { key: this.issued(outcome.rotated.next), previous: this.map(outcome.rotated.old) };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a key now (revoking twice keeps the first time)',
    description:
      'Refused at once by this instance, within moments by every other (NOTIFY; CLIENT_KEY_CACHE_TTL at most).',
  })
  @ApiParamFrom('id', KEY_ID_SCHEMA)
  @ApiOkResponse({ type: ClientKeyDto, description: 'The revoked key' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such key' })
  async revoke(@KeyId() id: string): Promise<ClientKeyDto> {
    return this.map(this.found(await this.keys.revoke(id), id));
  }

  private found(key: StoredKey | undefined, id: string): StoredKey {
    if (key === undefined) throw new NotFoundException(`Key ${id} not found`);
    return key;
  }

  private issued(issued: IssuedKey): IssuedKeyDto {
    return { ...this.map(issued.stored), key: issued.key };
  }

  private map(key: StoredKey): ClientKeyDto {
    return toClientKeyDto(key, this.keys.state(key));
  }
}

export function toClientKeyDto(key: StoredKey, status: ClientKeyDto['status']): ClientKeyDto {
  const at = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: key.id,
    prefix: `rsk_${key.id}_`,
    client_id: key.clientId,
    device_id: key.deviceId,
    label: key.label,
    status,
    created_at: key.createdAt.toISOString(),
    last_used_at: at(key.lastUsedAt),
    expires_at: at(key.expiresAt),
    revoked_at: at(key.revokedAt),
    replaced_by: key.replacedBy,
  };
}
