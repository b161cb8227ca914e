// The Markdown preview's request and answer.
import { Type } from 'typebox';
import { SafeText } from '../http/common.schemas.ts';
import { MAX_MARKDOWN_LENGTH } from '../markdown/markdown-limits.ts';

export const PreviewBody = Type.Object({ bodyMd: SafeText({ maxLength: MAX_MARKDOWN_LENGTH }) });
export const PreviewResponse = Type.Object({ html: Type.String() });
