/** Engine version: part of every result, so a stored result says which engine made it. */
export const ENGINE_VERSION = '0.1.0';
