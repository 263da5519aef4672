/*===- VulkanRuntime.c - Runs a compiled model's kernels on Vulkan -*- C -*-===*
 *
 * Embedded by rectify-compile --target=vulkan into the C source of every
 * Vulkan model library, after RectifyModel.h and ModelEntry.c and before the
 * model's SPIR-V, kernel table and launch program. Everything is static: a
 * library exports only the model's entry points.
 *
 * The Vulkan loader is opened with dlopen, so a machine without it gets an
 * error message from the model's entry point, not a failure to load the
 * library. The device is opened once per library on the first run (instance,
 * physical device, one compute queue, the pipelines of all kernels, the
 * weights uploaded to device buffers) and torn down when the library is
 * unloaded. One run records every kernel launch into one command buffer,
 * submits it once and waits on a fence.
 *
 * Device choice: RECTIFY_VULKAN_DEVICE=<index> or =<part of the name>
 * overrides the default (the first discrete GPU, else integrated, virtual,
 * then CPU device such as Mesa's lavapipe).
 *
 *===----------------------------------------------------------------------===*/
#define VK_NO_PROTOTYPES
#include <vulkan/vulkan.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

#define RECTIFY_ERROR_DEVICE 3 /* no usable device, or the device failed */

/* Instance-level and device-level entry points, loaded at run time. */
#define RECTIFY_VK_INSTANCE_FUNCTIONS(X)                                       \
  X(vkDestroyInstance)                                                         \
  X(vkEnumeratePhysicalDevices)                                                \
  X(vkGetPhysicalDeviceProperties)                                             \
  X(vkGetPhysicalDeviceQueueFamilyProperties)                                  \
  X(vkGetPhysicalDeviceMemoryProperties)                                       \
  X(vkCreateDevice)                                                            \
  X(vkGetDeviceProcAddr)
#define RECTIFY_VK_DEVICE_FUNCTIONS(X)                                         \
  X(vkDestroyDevice)                                                           \
  X(vkGetDeviceQueue)                                                          \
  X(vkCreateBuffer)                                                            \
  X(vkDestroyBuffer)                                                           \
  X(vkGetBufferMemoryRequirements)                                             \
  X(vkAllocateMemory)                                                          \
  X(vkFreeMemory)                                                              \
  X(vkBindBufferMemory)                                                        \
  X(vkMapMemory)                                                               \
  X(vkCreateShaderModule)                                                      \
  X(vkDestroyShaderModule)                                                     \
  X(vkCreateDescriptorSetLayout)                                               \
  X(vkDestroyDescriptorSetLayout)                                              \
  X(vkCreatePipelineLayout)                                                    \
  X(vkDestroyPipelineLayout)                                                   \
  X(vkCreateComputePipelines)                                                  \
  X(vkDestroyPipeline)                                                         \
  X(vkCreateDescriptorPool)                                                    \
  X(vkDestroyDescriptorPool)                                                   \
  X(vkAllocateDescriptorSets)                                                  \
  X(vkUpdateDescriptorSets)                                                    \
  X(vkCreateCommandPool)                                                       \
  X(vkDestroyCommandPool)                                                      \
  X(vkAllocateCommandBuffers)                                                  \
  X(vkFreeCommandBuffers)                                                      \
  X(vkBeginCommandBuffer)                                                      \
  X(vkEndCommandBuffer)                                                        \
  X(vkCmdBindPipeline)                                                         \
  X(vkCmdBindDescriptorSets)                                                   \
  X(vkCmdDispatch)                                                             \
  X(vkCmdCopyBuffer)                                                           \
  X(vkCmdPipelineBarrier)                                                      \
  X(vkCreateFence)                                                             \
  X(vkDestroyFence)                                                            \
  X(vkWaitForFences)                                                           \
  X(vkQueueSubmit)

/* What the compiler generates for one model. */
typedef struct rectify_vk_kernel_info {
  const char *entry;  /* SPIR-V entry point */
  uint32_t num_args;  /* argument i is storage buffer binding i of set 0 */
} rectify_vk_kernel_info;

typedef struct rectify_vk_weight_info {
  size_t offset; /* into the weight blob */
  size_t size;   /* bytes */
} rectify_vk_weight_info;

typedef struct rectify_vk_program_info {
  const uint32_t *spirv;
  size_t spirv_words;
  const rectify_vk_kernel_info *kernels;
  uint32_t num_kernels;
  const unsigned char *weights;
  const rectify_vk_weight_info *weight_list;
  uint32_t num_weights;
} rectify_vk_program_info;

typedef struct rectify_vk_buffer {
  VkBuffer buffer;
  VkDeviceMemory memory;
  void *mapped;
  VkDeviceSize size;
  struct rectify_vk_buffer *next; /* the run's (or device's) list */
} rectify_vk_buffer;

typedef struct rectify_vk_device {
  void *library;
  PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr;
#define RECTIFY_VK_DECLARE(name) PFN_##name name;
  RECTIFY_VK_INSTANCE_FUNCTIONS(RECTIFY_VK_DECLARE)
  RECTIFY_VK_DEVICE_FUNCTIONS(RECTIFY_VK_DECLARE)
#undef RECTIFY_VK_DECLARE
  VkInstance instance;
  VkPhysicalDevice physical;
  VkPhysicalDeviceProperties properties;
  VkDevice device;
  VkQueue queue;
  uint32_t queue_family;
  uint32_t memory_type;
  VkShaderModule shader;
  uint32_t num_kernels;
  VkDescriptorSetLayout *set_layouts;
  VkPipelineLayout *pipeline_layouts;
  VkPipeline *pipelines;
  uint32_t num_weights;
  rectify_vk_buffer **weights;
  VkCommandPool command_pool;
  pthread_mutex_t lock; /* one run at a time: the queue and pool are shared */
} rectify_vk_device;

/* The model's program, defined after this runtime by the generated code. */
static const rectify_vk_program_info rectify_program;

/* The library's device, opened on the first run. */
static pthread_once_t rectify_vk_once = PTHREAD_ONCE_INIT;
static rectify_vk_device rectify_vk_dev;
static int rectify_vk_status;
static char rectify_vk_message[512];

static int rectify_vk_open_failed(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(rectify_vk_message, sizeof(rectify_vk_message), format, args);
  va_end(args);
  return RECTIFY_ERROR_DEVICE;
}

static const char *rectify_vk_result_name(VkResult result) {
  switch (result) {
  case VK_ERROR_OUT_OF_HOST_MEMORY: return "out of host memory";
  case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "out of device memory";
  case VK_ERROR_INITIALIZATION_FAILED: return "initialization failed";
  case VK_ERROR_DEVICE_LOST: return "device lost";
  case VK_ERROR_INCOMPATIBLE_DRIVER: return "incompatible driver";
  case VK_ERROR_FEATURE_NOT_PRESENT: return "feature not present";
  case VK_ERROR_EXTENSION_NOT_PRESENT: return "extension not present";
  case VK_TIMEOUT: return "timeout";
  default: return "error";
  }
}

/* Creates a buffer of `size` bytes (at least 4) in host-visible memory,
 * mapped for its lifetime. */
static VkResult rectify_vk_create_buffer(rectify_vk_device *dev,
                                         VkDeviceSize size,
                                         rectify_vk_buffer **out) {
  rectify_vk_buffer *buffer = calloc(1, sizeof(*buffer));
  if (!buffer)
    return VK_ERROR_OUT_OF_HOST_MEMORY;
  buffer->size = size < 4 ? 4 : (size + 3) & ~(VkDeviceSize)3;
  VkBufferCreateInfo info = {VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = buffer->size;
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
               VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
               VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkResult result = dev->vkCreateBuffer(dev->device, &info, NULL, &buffer->buffer);
  if (result != VK_SUCCESS) {
    free(buffer);
    return result;
  }
  VkMemoryRequirements requirements;
  dev->vkGetBufferMemoryRequirements(dev->device, buffer->buffer, &requirements);
  VkMemoryAllocateInfo allocate = {VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  allocate.allocationSize = requirements.size;
  allocate.memoryTypeIndex = dev->memory_type;
  if (!(requirements.memoryTypeBits & (1u << dev->memory_type)))
    result = VK_ERROR_FEATURE_NOT_PRESENT;
  if (result == VK_SUCCESS)
    result = dev->vkAllocateMemory(dev->device, &allocate, NULL, &buffer->memory);
  if (result == VK_SUCCESS)
    result = dev->vkBindBufferMemory(dev->device, buffer->buffer, buffer->memory, 0);
  if (result == VK_SUCCESS)
    result = dev->vkMapMemory(dev->device, buffer->memory, 0, VK_WHOLE_SIZE, 0,
                              &buffer->mapped);
  if (result != VK_SUCCESS) {
    if (buffer->memory)
      dev->vkFreeMemory(dev->device, buffer->memory, NULL);
    dev->vkDestroyBuffer(dev->device, buffer->buffer, NULL);
    free(buffer);
    return result;
  }
  *out = buffer;
  return VK_SUCCESS;
}

static void rectify_vk_destroy_buffer(rectify_vk_device *dev,
                                      rectify_vk_buffer *buffer) {
  if (!buffer)
    return;
  dev->vkDestroyBuffer(dev->device, buffer->buffer, NULL);
  dev->vkFreeMemory(dev->device, buffer->memory, NULL); /* unmaps */
  free(buffer);
}

/* Higher is preferred when no override names a device. */
static int rectify_vk_device_rank(VkPhysicalDeviceType type) {
  switch (type) {
  case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
  case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
  case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
  case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
  default: return 0;
  }
}

static int rectify_vk_choose_device(rectify_vk_device *dev) {
  uint32_t count = 0;
  VkResult result = dev->vkEnumeratePhysicalDevices(dev->instance, &count, NULL);
  if (result != VK_SUCCESS || count == 0)
    return rectify_vk_open_failed(
        "no Vulkan device found (install a Vulkan driver; Mesa's lavapipe "
        "in mesa-vulkan-drivers runs on the CPU)");
  VkPhysicalDevice *devices = calloc(count, sizeof(VkPhysicalDevice));
  if (!devices)
    return rectify_vk_open_failed("out of host memory");
  dev->vkEnumeratePhysicalDevices(dev->instance, &count, devices);
  const char *override = getenv("RECTIFY_VULKAN_DEVICE");
  int best = -1, best_rank = -1;
  for (uint32_t i = 0; i < count; ++i) {
    VkPhysicalDeviceProperties properties;
    dev->vkGetPhysicalDeviceProperties(devices[i], &properties);
    if (properties.apiVersion < VK_API_VERSION_1_1)
      continue;
    if (override && *override) {
      char *end;
      long index = strtol(override, &end, 10);
      int match = *end == '\0' ? index == (long)i
                               : strstr(properties.deviceName, override) != NULL;
      if (match) {
        best = (int)i;
        break;
      }
      continue;
    }
    int rank = rectify_vk_device_rank(properties.deviceType);
    if (rank > best_rank) {
      best = (int)i;
      best_rank = rank;
    }
  }
  if (best < 0) {
    free(devices);
    if (override && *override)
      return rectify_vk_open_failed(
          "RECTIFY_VULKAN_DEVICE=%s names no Vulkan 1.1 device (there are "
          "%u devices)", override, count);
    return rectify_vk_open_failed("no Vulkan 1.1 device among %u devices",
                                  count);
  }
  dev->physical = devices[best];
  free(devices);
  dev->vkGetPhysicalDeviceProperties(dev->physical, &dev->properties);

  uint32_t families = 0;
  dev->vkGetPhysicalDeviceQueueFamilyProperties(dev->physical, &families, NULL);
  VkQueueFamilyProperties *family = calloc(families ? families : 1,
                                           sizeof(VkQueueFamilyProperties));
  if (!family)
    return rectify_vk_open_failed("out of host memory");
  dev->vkGetPhysicalDeviceQueueFamilyProperties(dev->physical, &families, family);
  dev->queue_family = UINT32_MAX;
  for (uint32_t i = 0; i < families && dev->queue_family == UINT32_MAX; ++i)
    if (family[i].queueFlags & VK_QUEUE_COMPUTE_BIT)
      dev->queue_family = i;
  free(family);
  if (dev->queue_family == UINT32_MAX)
    return rectify_vk_open_failed("Vulkan device '%s' has no compute queue",
                                  dev->properties.deviceName);

  /* Host-visible, coherent memory for every buffer; device-local as well
   * where the device has it (integrated GPUs, resizable BAR, lavapipe). */
  VkPhysicalDeviceMemoryProperties memory;
  dev->vkGetPhysicalDeviceMemoryProperties(dev->physical, &memory);
  const VkMemoryPropertyFlags needed = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                       VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  int chosen = -1;
  for (uint32_t i = 0; i < memory.memoryTypeCount; ++i) {
    VkMemoryPropertyFlags flags = memory.memoryTypes[i].propertyFlags;
    if ((flags & needed) != needed)
      continue;
    if (chosen < 0 || (flags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT))
      chosen = (int)i;
    if (flags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)
      break;
  }
  if (chosen < 0)
    return rectify_vk_open_failed(
        "Vulkan device '%s' has no host-visible coherent memory",
        dev->properties.deviceName);
  dev->memory_type = (uint32_t)chosen;
  return RECTIFY_OK;
}

static int rectify_vk_create_pipelines(rectify_vk_device *dev,
                                       const rectify_vk_program_info *program) {
  VkShaderModuleCreateInfo shader = {VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  shader.codeSize = program->spirv_words * sizeof(uint32_t);
  shader.pCode = program->spirv;
  VkResult result = dev->vkCreateShaderModule(dev->device, &shader, NULL, &dev->shader);
  if (result != VK_SUCCESS)
    return rectify_vk_open_failed("cannot create the shader module: %s",
                                  rectify_vk_result_name(result));
  uint32_t n = program->num_kernels;
  dev->set_layouts = calloc(n ? n : 1, sizeof(VkDescriptorSetLayout));
  dev->pipeline_layouts = calloc(n ? n : 1, sizeof(VkPipelineLayout));
  dev->pipelines = calloc(n ? n : 1, sizeof(VkPipeline));
  if (!dev->set_layouts || !dev->pipeline_layouts || !dev->pipelines)
    return rectify_vk_open_failed("out of host memory");
  for (uint32_t k = 0; k < n; ++k) {
    const rectify_vk_kernel_info *kernel = &program->kernels[k];
    VkDescriptorSetLayoutBinding bindings[64];
    if (kernel->num_args > 64)
      return rectify_vk_open_failed("kernel '%s' has %u arguments, above 64",
                                    kernel->entry, kernel->num_args);
    for (uint32_t b = 0; b < kernel->num_args; ++b) {
      VkDescriptorSetLayoutBinding binding = {0};
      binding.binding = b;
      binding.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      binding.descriptorCount = 1;
      binding.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
      bindings[b] = binding;
    }
    VkDescriptorSetLayoutCreateInfo set = {
        VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    set.bindingCount = kernel->num_args;
    set.pBindings = bindings;
    result = dev->vkCreateDescriptorSetLayout(dev->device, &set, NULL,
                                              &dev->set_layouts[k]);
    VkPipelineLayoutCreateInfo layout = {
        VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layout.setLayoutCount = 1;
    layout.pSetLayouts = &dev->set_layouts[k];
    if (result == VK_SUCCESS)
      result = dev->vkCreatePipelineLayout(dev->device, &layout, NULL,
                                           &dev->pipeline_layouts[k]);
    VkComputePipelineCreateInfo pipeline = {
        VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    pipeline.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    pipeline.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    pipeline.stage.module = dev->shader;
    pipeline.stage.pName = kernel->entry;
    pipeline.layout = dev->pipeline_layouts[k];
    if (result == VK_SUCCESS)
      result = dev->vkCreateComputePipelines(dev->device, VK_NULL_HANDLE, 1,
                                             &pipeline, NULL, &dev->pipelines[k]);
    dev->num_kernels = k + 1;
    if (result != VK_SUCCESS)
      return rectify_vk_open_failed("cannot create the pipeline of kernel "
                                    "'%s': %s", kernel->entry,
                                    rectify_vk_result_name(result));
  }
  return RECTIFY_OK;
}

static int rectify_vk_upload_weights(rectify_vk_device *dev,
                                     const rectify_vk_program_info *program) {
  dev->weights = calloc(program->num_weights ? program->num_weights : 1,
                        sizeof(rectify_vk_buffer *));
  if (!dev->weights)
    return rectify_vk_open_failed("out of host memory");
  for (uint32_t w = 0; w < program->num_weights; ++w) {
    const rectify_vk_weight_info *weight = &program->weight_list[w];
    VkResult result = rectify_vk_create_buffer(dev, weight->size, &dev->weights[w]);
    if (result != VK_SUCCESS)
      return rectify_vk_open_failed("cannot allocate %zu bytes of weights: %s",
                                    weight->size, rectify_vk_result_name(result));
    dev->num_weights = w + 1;
    memcpy(dev->weights[w]->mapped, program->weights + weight->offset,
           weight->size);
  }
  return RECTIFY_OK;
}

static int rectify_vk_open_device(rectify_vk_device *dev,
                                  const rectify_vk_program_info *program) {
  dev->library = dlopen("libvulkan.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!dev->library)
    dev->library = dlopen("libvulkan.so", RTLD_NOW | RTLD_LOCAL);
  if (!dev->library)
    return rectify_vk_open_failed("cannot load the Vulkan loader "
                                  "(libvulkan.so.1): %s", dlerror());
  dev->vkGetInstanceProcAddr = (PFN_vkGetInstanceProcAddr)dlsym(
      dev->library, "vkGetInstanceProcAddr");
  PFN_vkCreateInstance createInstance =
      dev->vkGetInstanceProcAddr
          ? (PFN_vkCreateInstance)dev->vkGetInstanceProcAddr(NULL, "vkCreateInstance")
          : NULL;
  if (!createInstance)
    return rectify_vk_open_failed("the Vulkan loader has no vkCreateInstance");
  VkApplicationInfo application = {VK_STRUCTURE_TYPE_APPLICATION_INFO};
  application.pApplicationName = "rectify";
  application.apiVersion = VK_API_VERSION_1_1;
  VkInstanceCreateInfo instance = {VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  instance.pApplicationInfo = &application;
  VkResult result = createInstance(&instance, NULL, &dev->instance);
  if (result != VK_SUCCESS)
    return rectify_vk_open_failed(
        "cannot create a Vulkan instance: %s (is a Vulkan driver installed?)",
        rectify_vk_result_name(result));
#define RECTIFY_VK_LOAD_INSTANCE(name)                                         \
  dev->name = (PFN_##name)dev->vkGetInstanceProcAddr(dev->instance, #name);    \
  if (!dev->name)                                                              \
    return rectify_vk_open_failed("the Vulkan loader has no " #name);
  RECTIFY_VK_INSTANCE_FUNCTIONS(RECTIFY_VK_LOAD_INSTANCE)
#undef RECTIFY_VK_LOAD_INSTANCE
  int status = rectify_vk_choose_device(dev);
  if (status != RECTIFY_OK)
    return status;

  float priority = 1.0f;
  VkDeviceQueueCreateInfo queue = {VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = dev->queue_family;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkDeviceCreateInfo device = {VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device.queueCreateInfoCount = 1;
  device.pQueueCreateInfos = &queue;
  result = dev->vkCreateDevice(dev->physical, &device, NULL, &dev->device);
  if (result != VK_SUCCESS)
    return rectify_vk_open_failed("cannot open Vulkan device '%s': %s",
                                  dev->properties.deviceName,
                                  rectify_vk_result_name(result));
#define RECTIFY_VK_LOAD_DEVICE(name)                                           \
  dev->name = (PFN_##name)dev->vkGetDeviceProcAddr(dev->device, #name);        \
  if (!dev->name)                                                              \
    return rectify_vk_open_failed("the Vulkan device has no " #name);
  RECTIFY_VK_DEVICE_FUNCTIONS(RECTIFY_VK_LOAD_DEVICE)
#undef RECTIFY_VK_LOAD_DEVICE
  dev->vkGetDeviceQueue(dev->device, dev->queue_family, 0, &dev->queue);

  VkCommandPoolCreateInfo pool = {VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = dev->queue_family;
  result = dev->vkCreateCommandPool(dev->device, &pool, NULL, &dev->command_pool);
  if (result != VK_SUCCESS)
    return rectify_vk_open_failed("cannot create a command pool: %s",
                                  rectify_vk_result_name(result));
  status = rectify_vk_create_pipelines(dev, program);
  if (status != RECTIFY_OK)
    return status;
  status = rectify_vk_upload_weights(dev, program);
  if (status != RECTIFY_OK)
    return status;
  pthread_mutex_init(&dev->lock, NULL);
  return RECTIFY_OK;
}

/* Destroys whatever rectify_vk_open_device created, in reverse order. */
static void rectify_vk_close_device(rectify_vk_device *dev) {
  if (dev->device) {
    for (uint32_t w = 0; w < dev->num_weights; ++w)
      rectify_vk_destroy_buffer(dev, dev->weights[w]);
    for (uint32_t k = 0; k < dev->num_kernels; ++k) {
      if (dev->pipelines[k])
        dev->vkDestroyPipeline(dev->device, dev->pipelines[k], NULL);
      if (dev->pipeline_layouts[k])
        dev->vkDestroyPipelineLayout(dev->device, dev->pipeline_layouts[k], NULL);
      if (dev->set_layouts[k])
        dev->vkDestroyDescriptorSetLayout(dev->device, dev->set_layouts[k], NULL);
    }
    if (dev->shader)
      dev->vkDestroyShaderModule(dev->device, dev->shader, NULL);
    if (dev->command_pool)
      dev->vkDestroyCommandPool(dev->device, dev->command_pool, NULL);
    dev->vkDestroyDevice(dev->device, NULL);
  }
  free(dev->weights);
  free(dev->pipelines);
  free(dev->pipeline_layouts);
  free(dev->set_layouts);
  if (dev->instance && dev->vkDestroyInstance)
    dev->vkDestroyInstance(dev->instance, NULL);
  if (dev->library)
    dlclose(dev->library);
  memset(dev, 0, sizeof(*dev));
}

static void rectify_vk_open_once(void) {
  rectify_vk_status = rectify_vk_open_device(&rectify_vk_dev, &rectify_program);
  if (rectify_vk_status != RECTIFY_OK)
    rectify_vk_close_device(&rectify_vk_dev);
}

__attribute__((destructor)) static void rectify_vk_teardown(void) {
  if (rectify_vk_status == RECTIFY_OK && rectify_vk_dev.device) {
    pthread_mutex_destroy(&rectify_vk_dev.lock);
    rectify_vk_close_device(&rectify_vk_dev);
  }
}

/* The library's device, opened on the first call; a failure to open is
 * reported on every call. */
static int rectify_vk_open(rectify_vk_device **out, char *error,
                           size_t error_size) {
  pthread_once(&rectify_vk_once, rectify_vk_open_once);
  if (rectify_vk_status != RECTIFY_OK)
    return rectify_fail(error, error_size, rectify_vk_status, "%s",
                        rectify_vk_message);
  *out = &rectify_vk_dev;
  return RECTIFY_OK;
}

/* One model run: its buffers, descriptor sets and command buffer. The first
 * failure is kept; later calls do nothing, and rectify_vk_submit reports it. */
typedef struct rectify_vk_run {
  rectify_vk_device *dev;
  VkCommandBuffer commands;
  VkDescriptorPool descriptors;
  VkFence fence;
  rectify_vk_buffer *buffers; /* owned by the run */
  rectify_vk_buffer *scalars; /* scalar kernel arguments, one slot each */
  VkDeviceSize scalar_stride;
  uint32_t num_scalars, max_scalars;
  int status;
  char message[256];
} rectify_vk_run;

typedef enum { RECTIFY_VK_ARG_BUFFER, RECTIFY_VK_ARG_I32, RECTIFY_VK_ARG_F32 } rectify_vk_arg_kind;

typedef struct rectify_vk_arg {
  rectify_vk_arg_kind kind;
  rectify_vk_buffer *buffer;
  int32_t i32;
  float f32;
} rectify_vk_arg;

static void rectify_vk_run_fail(rectify_vk_run *run, const char *what,
                                VkResult result) {
  if (run->status != RECTIFY_OK)
    return;
  run->status = RECTIFY_ERROR_DEVICE;
  snprintf(run->message, sizeof(run->message), "Vulkan: %s: %s", what,
           rectify_vk_result_name(result));
}

static rectify_vk_buffer *rectify_vk_run_buffer(rectify_vk_run *run,
                                                int64_t bytes) {
  if (run->status != RECTIFY_OK)
    return NULL;
  rectify_vk_buffer *buffer = NULL;
  VkResult result = rectify_vk_create_buffer(run->dev, (VkDeviceSize)bytes, &buffer);
  if (result != VK_SUCCESS) {
    rectify_vk_run_fail(run, "cannot allocate a buffer", result);
    return NULL;
  }
  buffer->next = run->buffers;
  run->buffers = buffer;
  return buffer;
}

/* Starts a run that launches at most `dispatches` kernels with `bindings`
 * buffer arguments and `scalars` scalar arguments in all. Locks the device
 * until rectify_vk_end. */
static void rectify_vk_begin(rectify_vk_run *run, rectify_vk_device *dev,
                             uint32_t dispatches, uint32_t bindings,
                             uint32_t scalars) {
  memset(run, 0, sizeof(*run));
  run->dev = dev;
  pthread_mutex_lock(&dev->lock);
  VkCommandBufferAllocateInfo allocate = {
      VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  allocate.commandPool = dev->command_pool;
  allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate.commandBufferCount = 1;
  VkResult result = dev->vkAllocateCommandBuffers(dev->device, &allocate, &run->commands);
  if (result != VK_SUCCESS)
    return rectify_vk_run_fail(run, "cannot allocate a command buffer", result);
  VkCommandBufferBeginInfo begin = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  result = dev->vkBeginCommandBuffer(run->commands, &begin);
  if (result != VK_SUCCESS)
    return rectify_vk_run_fail(run, "cannot begin a command buffer", result);
  if (dispatches > 0) {
    VkDescriptorPoolSize size = {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                 bindings ? bindings : 1};
    VkDescriptorPoolCreateInfo pool = {
        VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool.maxSets = dispatches;
    pool.poolSizeCount = 1;
    pool.pPoolSizes = &size;
    result = dev->vkCreateDescriptorPool(dev->device, &pool, NULL, &run->descriptors);
    if (result != VK_SUCCESS)
      return rectify_vk_run_fail(run, "cannot create a descriptor pool", result);
  }
  VkDeviceSize alignment = dev->properties.limits.minStorageBufferOffsetAlignment;
  run->scalar_stride = alignment > 16 ? alignment : 16;
  run->max_scalars = scalars;
  if (scalars > 0) {
    /* Not on the run's list: freed separately in rectify_vk_end. */
    result = rectify_vk_create_buffer(dev, scalars * run->scalar_stride, &run->scalars);
    if (result != VK_SUCCESS)
      return rectify_vk_run_fail(run, "cannot allocate the argument buffer", result);
  }
  VkFenceCreateInfo fence = {VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  result = dev->vkCreateFence(dev->device, &fence, NULL, &run->fence);
  if (result != VK_SUCCESS)
    rectify_vk_run_fail(run, "cannot create a fence", result);
}

/* A device buffer holding a copy of `bytes` bytes at `data`. */
static rectify_vk_buffer *rectify_vk_input(rectify_vk_run *run,
                                           const void *data, int64_t bytes) {
  rectify_vk_buffer *buffer = rectify_vk_run_buffer(run, bytes);
  if (buffer && bytes > 0)
    memcpy(buffer->mapped, data, (size_t)bytes);
  return buffer;
}

/* A device buffer for results and intermediates. */
static rectify_vk_buffer *rectify_vk_temp(rectify_vk_run *run, int64_t bytes) {
  return rectify_vk_run_buffer(run, bytes);
}

static rectify_vk_buffer *rectify_vk_weight(rectify_vk_run *run,
                                            uint32_t index) {
  return run->dev->weights[index];
}

/* Makes the writes of the previous command visible to the next one. */
static void rectify_vk_barrier(rectify_vk_run *run, VkPipelineStageFlags after,
                               VkAccessFlags access) {
  VkMemoryBarrier barrier = {VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = access;
  run->dev->vkCmdPipelineBarrier(
      run->commands,
      VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
      after, 0, 1, &barrier, 0, NULL, 0, NULL);
}

static void rectify_vk_barrier_all(rectify_vk_run *run) {
  rectify_vk_barrier(run,
                     VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT |
                         VK_PIPELINE_STAGE_TRANSFER_BIT,
                     VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                         VK_ACCESS_TRANSFER_READ_BIT |
                         VK_ACCESS_TRANSFER_WRITE_BIT);
}

/* Records the launch of `kernel` on a grid of gx x gy x gz workgroups. */
static void rectify_vk_dispatch(rectify_vk_run *run,
                                const rectify_vk_program_info *program,
                                uint32_t kernel, int64_t gx, int64_t gy,
                                int64_t gz, const rectify_vk_arg *args) {
  if (run->status != RECTIFY_OK)
    return;
  rectify_vk_device *dev = run->dev;
  if (gx <= 0 || gy <= 0 || gz <= 0)
    return; /* an empty batch launches nothing */
  const uint32_t *limit = dev->properties.limits.maxComputeWorkGroupCount;
  if (gx > limit[0] || gy > limit[1] || gz > limit[2]) {
    run->status = RECTIFY_ERROR_ARGUMENT;
    snprintf(run->message, sizeof(run->message),
             "kernel '%s' needs %lld x %lld x %lld workgroups; the Vulkan "
             "device allows %u x %u x %u (use a smaller batch)",
             program->kernels[kernel].entry, (long long)gx, (long long)gy,
             (long long)gz, limit[0], limit[1], limit[2]);
    return;
  }
  uint32_t count = program->kernels[kernel].num_args;
  VkDescriptorSetAllocateInfo allocate = {
      VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  allocate.descriptorPool = run->descriptors;
  allocate.descriptorSetCount = 1;
  allocate.pSetLayouts = &dev->set_layouts[kernel];
  VkDescriptorSet set;
  VkResult result = dev->vkAllocateDescriptorSets(dev->device, &allocate, &set);
  if (result != VK_SUCCESS)
    return rectify_vk_run_fail(run, "cannot allocate a descriptor set", result);
  VkDescriptorBufferInfo infos[64];
  VkWriteDescriptorSet writes[64];
  for (uint32_t i = 0; i < count; ++i) {
    VkDescriptorBufferInfo info = {0};
    if (args[i].kind == RECTIFY_VK_ARG_BUFFER) {
      info.buffer = args[i].buffer->buffer;
      info.range = VK_WHOLE_SIZE;
    } else {
      if (run->num_scalars >= run->max_scalars) {
        run->status = RECTIFY_ERROR_ARGUMENT;
        snprintf(run->message, sizeof(run->message),
                 "internal error: more scalar kernel arguments than planned");
        return;
      }
      VkDeviceSize offset = run->num_scalars++ * run->scalar_stride;
      char *slot = (char *)run->scalars->mapped + offset;
      if (args[i].kind == RECTIFY_VK_ARG_I32)
        memcpy(slot, &args[i].i32, 4);
      else
        memcpy(slot, &args[i].f32, 4);
      info.buffer = run->scalars->buffer;
      info.offset = offset;
      info.range = 4;
    }
    infos[i] = info;
    VkWriteDescriptorSet write = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = set;
    write.dstBinding = i;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    write.pBufferInfo = &infos[i];
    writes[i] = write;
  }
  dev->vkUpdateDescriptorSets(dev->device, count, writes, 0, NULL);
  dev->vkCmdBindPipeline(run->commands, VK_PIPELINE_BIND_POINT_COMPUTE,
                         dev->pipelines[kernel]);
  dev->vkCmdBindDescriptorSets(run->commands, VK_PIPELINE_BIND_POINT_COMPUTE,
                               dev->pipeline_layouts[kernel], 0, 1, &set, 0,
                               NULL);
  dev->vkCmdDispatch(run->commands, (uint32_t)gx, (uint32_t)gy, (uint32_t)gz);
  rectify_vk_barrier_all(run);
}

/* Records a copy of `bytes` bytes between whole buffers. */
static void rectify_vk_copy(rectify_vk_run *run, rectify_vk_buffer *source,
                            rectify_vk_buffer *target, int64_t bytes) {
  if (run->status != RECTIFY_OK || bytes <= 0)
    return;
  VkBufferCopy region = {0, 0, (VkDeviceSize)bytes};
  run->dev->vkCmdCopyBuffer(run->commands, source->buffer, target->buffer, 1,
                            &region);
  rectify_vk_barrier_all(run);
}

/* Submits the recorded commands and waits for them. */
static int rectify_vk_submit(rectify_vk_run *run, char *error,
                             size_t error_size) {
  rectify_vk_device *dev = run->dev;
  if (run->status == RECTIFY_OK) {
    rectify_vk_barrier(run, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
    VkResult result = dev->vkEndCommandBuffer(run->commands);
    VkSubmitInfo submit = {VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &run->commands;
    if (result == VK_SUCCESS)
      result = dev->vkQueueSubmit(dev->queue, 1, &submit, run->fence);
    if (result == VK_SUCCESS)
      result = dev->vkWaitForFences(dev->device, 1, &run->fence, VK_TRUE,
                                    UINT64_MAX);
    if (result != VK_SUCCESS)
      rectify_vk_run_fail(run, "running the model failed", result);
  }
  if (run->status != RECTIFY_OK)
    return rectify_fail(error, error_size, run->status, "%s", run->message);
  return RECTIFY_OK;
}

static void rectify_vk_read(rectify_vk_run *run, rectify_vk_buffer *buffer,
                            void *data, int64_t bytes) {
  if (bytes > 0)
    memcpy(data, buffer->mapped, (size_t)bytes);
}

/* Frees the run's resources and unlocks the device. */
static void rectify_vk_end(rectify_vk_run *run) {
  rectify_vk_device *dev = run->dev;
  while (run->buffers) {
    rectify_vk_buffer *next = run->buffers->next;
    rectify_vk_destroy_buffer(dev, run->buffers);
    run->buffers = next;
  }
  rectify_vk_destroy_buffer(dev, run->scalars);
  if (run->fence)
    dev->vkDestroyFence(dev->device, run->fence, NULL);
  if (run->descriptors)
    dev->vkDestroyDescriptorPool(dev->device, run->descriptors, NULL);
  if (run->commands)
    dev->vkFreeCommandBuffers(dev->device, dev->command_pool, 1, &run->commands);
  pthread_mutex_unlock(&dev->lock);
}
