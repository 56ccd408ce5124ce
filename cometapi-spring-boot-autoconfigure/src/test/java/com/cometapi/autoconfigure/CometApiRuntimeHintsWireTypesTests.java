package com.cometapi.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@link CometApiRuntimeHints} against every wire record of the client found by
 * reflection, so a new wire type cannot be forgotten.
 */
class CometApiRuntimeHintsWireTypesTests {

	@Test
	void everyRecordTheClientMapsWithJacksonHasAReflectionHint() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new CometApiRuntimeHints().registerHints(hints, getClass().getClassLoader());
		List<Class<?>> wireTypes = wireRecords("com/cometapi/client/*.class", "com/cometapi/client/wire/*.class",
				"com/cometapi/client/catalog/*.class");
		assertThat(wireTypes).hasSizeGreaterThan(15);
		for (Class<?> type : wireTypes) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethod(component.getAccessor()))
					.as(component.getAccessor().toString())
					.accepts(hints);
			}
		}
	}

	private List<Class<?>> wireRecords(String... patterns) throws Exception {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		MetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
		List<Class<?>> records = new ArrayList<>();
		for (String pattern : patterns) {
			for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
				if (isTestClass(resource)) {
					continue;
				}
				String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
				Class<?> type = ClassUtils.forName(name, getClass().getClassLoader());
				if (type.isRecord() && isMappedByJackson(type)) {
					records.add(type);
				}
			}
		}
		return records;
	}

	private static boolean isTestClass(Resource resource) throws Exception {
		String location = resource.getURL().toString();
		return location.contains("/test-classes/") || location.contains("-tests.jar!");
	}

	private static boolean isMappedByJackson(Class<?> type) {
		if (hasJacksonAnnotation(type)) {
			return true;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (hasJacksonAnnotation(component) || hasJacksonAnnotation(component.getAccessor())) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasJacksonAnnotation(AnnotatedElement element) {
		for (Annotation annotation : element.getAnnotations()) {
			String name = annotation.annotationType().getName();
			if (name.startsWith("com.fasterxml.jackson.") || name.startsWith("com.cometapi.client.wire.CometJson")) {
				return true;
			}
		}
		return false;
	}

}
