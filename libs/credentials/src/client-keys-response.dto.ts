import { ApiProperty } from '@nestjs/swagger';

/** A database key as operators see it: everything but the key itself. */
export class ClientKeyDto {
  @ApiProperty({ description: 'Key id (admin routes take it)', example: 'k3x9q2m7a1b4' })
  id: string;

  @ApiProperty({
    description: 'How the key starts: enough to recognise it, never enough to use it',
    example: 'rsk_k3x9q2m7a1b4_',
  })
  prefix: string;

  @ApiProperty({ description: 'The store (client id) the key acts for', example: 'MTY_001' })
  client_id: string;

  @ApiProperty({
    description: "The device it is bound to; null for a store's key",
    example: 'till-2',
    nullable: true,
    type: String,
  })
  device_id: string | null;

  @ApiProperty({ description: 'A note for operators', example: 'Monterrey till 2', nullable: true, type: String })
  label: string | null;

  @ApiProperty({
    description: 'Whether it authenticates now',
    enum: ['active', 'revoked', 'expired'],
    example: 'active',
  })
  status: 'active' | 'revoked' | 'expired';

  @ApiProperty({ description: 'When it was issued', example: '2026-12-07T10:00:00.000Z' })
  created_at: string;

  @ApiProperty({
    description: 'When it last authenticated a request (recorded in batches: up to CLIENT_KEY_LAST_USED_FLUSH late)',
    example: '2026-12-07T10:05:00.000Z',
    nullable: true,
    type: String,
  })
  last_used_at: string | null;

  @ApiProperty({
    description: 'When it stops working (a rotated key: the end of its grace period); null: never',
    example: '2027-03-07T10:00:00.000Z',
    nullable: true,
    type: String,
  })
  expires_at: string | null;

  @ApiProperty({ description: 'When it was revoked', example: null, nullable: true, type: String })
  revoked_at: string | null;

  @ApiProperty({ description: 'The key that replaced it, when rotated', example: null, nullable: true, type: String })
  replaced_by: string | null;
}

/** A key just issued: the only answer that ever carries the key. */
export class IssuedKeyDto extends ClientKeyDto {
  @ApiProperty({
    description:
      'The key, shown this once (only its SHA-256 is stored): the client sends it as Authorization: Bearer <key>',
    example: 'rsk_k3x9q2m7a1b4_Jq8m0yC2rT6xw1Vb9nH4sL7eK3uA5dF0gP2iZ8oQ6cY',
  })
  key: string;
}

export class RotatedKeyDto {
  @ApiProperty({ description: 'The new key (shown this once)', type: IssuedKeyDto })
  key: IssuedKeyDto;

  @ApiProperty({ description: 'The old key, working until its expires_at (the grace period)', type: ClientKeyDto })
  previous: ClientKeyDto;
}

export class ClientKeyPageDto {
  @ApiProperty({ description: 'This page of keys, newest first', type: [ClientKeyDto] })
  items: ClientKeyDto[];

  @ApiProperty({ description: 'Keys matching the filter, all pages', example: 1 })
  total: number;

  @ApiProperty({ description: 'This page number', example: 1 })
  page: number;

  @ApiProperty({ description: 'Keys per page', example: 100 })
  limit: number;
}
