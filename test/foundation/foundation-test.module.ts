import { Body, Controller, DynamicModule, HttpCode, Module, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AppConfig } from '@app/common';
import { PlatformModule } from '@app/platform';
import { IsInt, IsString, Min } from 'class-validator';

export class EchoDto {
  @ApiProperty({ description: 'Any text', example: 'hello' })
  @IsString()
  text: string;

  @ApiProperty({ description: 'A positive count', example: 1 })
  @IsInt()
  @Min(1)
  count: number;
}

/** Gives the foundation tests a route with a validated body; the platform itself has only /health. */
@Controller('echo')
export class EchoController {
  @Post()
  @HttpCode(200)
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }
}

/** The platform alone (config, logging, database, auth, /health), as every app starts from it. */
@Module({})
export class FoundationTestModule {
  static register(config: AppConfig): DynamicModule {
    return { module: FoundationTestModule, imports: [PlatformModule.forRoot(config)], controllers: [EchoController] };
  }
}
