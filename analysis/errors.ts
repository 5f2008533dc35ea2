/**
 * Errors of the analysis layer. Each has a code from the table below, whether a retry can help, and context
 * ({sourceId,url,jobId,docId}). Bad *input* never throws (it gets flags); these are for setup and programming faults.
 */
export const analysisErrorCodes = {
  /** nodejieba is process-global: a second createSegmenter asked for other dictionaries than the loaded ones. */
  SEGMENTER_DICT_CONFLICT: { retryable: false },
  /** A dictionary, lexicon or model file is missing or malformed. */
  ANALYSIS_RESOURCE_INVALID: { retryable: false },
  /** The model file does not match the feature layout this code computes. */
  MODEL_INCOMPATIBLE: { retryable: false },
} as const;

export type AnalysisErrorCode = keyof typeof analysisErrorCodes;

export interface AnalysisErrorContext {
  sourceId?: string;
  url?: string;
  jobId?: string;
  docId?: string;
  file?: string;
}

export class AnalysisError extends Error {
  readonly code: AnalysisErrorCode;
  readonly retryable: boolean;
  readonly context: Readonly<AnalysisErrorContext>;

  constructor(code: AnalysisErrorCode, message: string, context: AnalysisErrorContext = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AnalysisError';
    this.code = code;
    this.retryable = analysisErrorCodes[code].retryable;
    this.context = context;
  }
}
