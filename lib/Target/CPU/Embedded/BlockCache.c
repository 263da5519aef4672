/*===- BlockCache.c - Reuse of a compiled model's temporary buffers -*- C -*-===*
 *
 * Embedded by rectify-compile into the entry-point source of every CPU model
 * (after ModelEntry.c). The generated code allocates its intermediate buffers
 * per call; fresh multi-megabyte blocks come from mmap and every page faults
 * on first touch, which cost a third of a ResNet-18 run. Freed blocks are
 * kept here and handed back to later allocations of a similar size, so a
 * model called repeatedly touches no new pages after its first call.
 *
 *===----------------------------------------------------------------------===*/
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

enum {
  /* Distinct buffers one call of a large network keeps live at once is far
   * below this; beyond it, freed blocks go back to the C library. */
  RECTIFY_CACHED_BLOCKS = 128,
  /* A block serves requests of at least half its size. */
  RECTIFY_MAX_SLACK = 2,
  /* Payloads start on a cache line. */
  RECTIFY_BLOCK_ALIGNMENT = 64,
};
/* Bytes the cache may keep idle between calls. */
#define RECTIFY_CACHED_BYTES ((size_t)1 << 30)

typedef struct {
  pthread_mutex_t lock;
  size_t cached_bytes;
  int count;
  void *blocks[RECTIFY_CACHED_BLOCKS];
  size_t sizes[RECTIFY_CACHED_BLOCKS];
} rectify_block_cache;

static rectify_block_cache rectify_blocks = {PTHREAD_MUTEX_INITIALIZER};

/* Each payload is preceded by its size and the address malloc returned
 * (plain malloc: the entry source compiles under strict C99 as well). */
static size_t rectify_block_size(void *payload) {
  return ((size_t *)payload)[-2];
}

static void rectify_block_release(void *payload) {
  free(((void **)payload)[-1]);
}

/* The smallest cached block that fits `size` without wasting more than the
 * allowed slack, or null. */
static void *rectify_take_cached(rectify_block_cache *cache, size_t size) {
  int best = -1;
  pthread_mutex_lock(&cache->lock);
  for (int i = 0; i < cache->count; ++i) {
    size_t have = cache->sizes[i];
    if (have >= size && have / RECTIFY_MAX_SLACK <= size &&
        (best < 0 || have < cache->sizes[best]))
      best = i;
  }
  void *payload = NULL;
  if (best >= 0) {
    payload = cache->blocks[best];
    cache->cached_bytes -= cache->sizes[best];
    --cache->count;
    cache->blocks[best] = cache->blocks[cache->count];
    cache->sizes[best] = cache->sizes[cache->count];
  }
  pthread_mutex_unlock(&cache->lock);
  return payload;
}

static void *rectify_block_alloc(rectify_block_cache *cache, size_t size) {
  void *cached = rectify_take_cached(cache, size);
  if (cached)
    return cached;
  char *base = malloc(size + 2 * sizeof(void *) + RECTIFY_BLOCK_ALIGNMENT);
  if (!base)
    return NULL;
  uintptr_t first = (uintptr_t)(base + 2 * sizeof(void *));
  uintptr_t aligned = (first + RECTIFY_BLOCK_ALIGNMENT - 1) &
                      ~(uintptr_t)(RECTIFY_BLOCK_ALIGNMENT - 1);
  void *payload = (void *)aligned;
  ((size_t *)payload)[-2] = size;
  ((void **)payload)[-1] = base;
  return payload;
}

static void rectify_block_free(rectify_block_cache *cache, void *payload) {
  if (!payload)
    return;
  size_t size = rectify_block_size(payload);
  pthread_mutex_lock(&cache->lock);
  int keep = cache->count < RECTIFY_CACHED_BLOCKS &&
             cache->cached_bytes + size <= RECTIFY_CACHED_BYTES;
  if (keep) {
    cache->blocks[cache->count] = payload;
    cache->sizes[cache->count] = size;
    ++cache->count;
    cache->cached_bytes += size;
  }
  pthread_mutex_unlock(&cache->lock);
  if (!keep)
    rectify_block_release(payload);
}

/* Unloading the library returns the idle blocks. */
__attribute__((destructor)) static void rectify_release_blocks(void) {
  rectify_block_cache *cache = &rectify_blocks;
  pthread_mutex_lock(&cache->lock);
  for (int i = 0; i < cache->count; ++i)
    rectify_block_release(cache->blocks[i]);
  cache->count = 0;
  cache->cached_bytes = 0;
  pthread_mutex_unlock(&cache->lock);
}
