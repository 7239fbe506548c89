/**
 * Por que o codec recusou um frame do gateway, em português do Brasil
 * (electron/core/gateway/codec.ts). Typed against `engine-en-frame.ts`.
 */
import type { frameEn } from './engine-en-frame';

export const framePtBR: typeof frameEn = {
  tooLarge:
    'O gateway enviou um {frame}: {size}, acima do limite de {limit} ("Maior frame" no perfil).',
  tooLargeUncompressed:
    'O gateway enviou um {frame}: {size}, acima do limite de {limit} ("Maior frame" no perfil). Ele veio sem compressão: no perfil, marque a flag "Servidor comprime (zlib)" (ENCODE_ZLIB, 1) para que o servidor comprima o que envia, ou aumente "Maior frame".',
  tooDeep: 'O JSON do frame tem mais de {depth} níveis de aninhamento.',
  inflateTooLarge: 'O frame {compression} passa do limite de {limit} ao ser descomprimido.',
  inflateFailed: 'Não foi possível descomprimir o frame {compression} ({why}).',
  invalidUtf8: 'O frame não é texto UTF-8 válido.',
  invalidJson: 'O frame não é JSON válido ({why}).',
  unexpectedCharacter: 'caractere inesperado',
  holdsArray: 'O frame contém uma lista, não um objeto JSON.',
  holdsNull: 'O frame contém null, não um objeto JSON.',
  holds: 'O frame contém um valor do tipo {type}, não um objeto JSON.',
  noType: 'O frame não tem o campo "type".',
  typeNotInteger: 'O campo "type" do frame deve ser um número inteiro; veio {got}.',
  notString: 'O campo "{field}" do frame deve ser uma string; veio {got}.',
  notBoolean: 'O campo "{field}" do frame deve ser um booleano; veio {got}.',
  registerUnreadable: 'Não foi possível ler a resposta do gateway ao pedido de registro: {reason}',
};
