import { z } from 'zod'

/**
 * zod 4 compiles object parsers with `new Function`, which the mini program forbids. Object schemas
 * decide at construction whether to compile, so this module must be evaluated before any contract
 * module: it is the first import of app.ts and of services/api/index.ts.
 */
z.config({ jitless: true })
