// A case study's attachment as its page and editor show it (the readings' shape, its own download route).
import { attachmentViewAt } from '../readings/attachment-view.ts';

export const caseStudyAttachmentView = attachmentViewAt('/api/case-study-attachments');
