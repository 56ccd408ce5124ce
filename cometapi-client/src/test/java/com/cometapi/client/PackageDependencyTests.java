package com.cometapi.client;

import com.cometapi.client.observation.CometAnswer;
import com.cometapi.client.observation.CometChatParameters;
import com.cometapi.client.observation.CometEmbeddingParameters;
import com.cometapi.client.observation.CometTokenUsage;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's layers point one way: {@code error} at the bottom, then the resilience
 * primitives and the call {@code listener} interface, then {@code catalog},
 * {@code cluster} and {@code observation} (a listener), then the {@code wire} types, and
 * the template with its call pipeline on top. Checked on the compiled main classes, so a
 * new import that points back fails the build.
 */
class PackageDependencyTests {

	private static final String CLIENT = "com.cometapi.client";

	private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(CLIENT);

	@Test
	void mainClassesAreImported() {
		assertThat(MAIN_CLASSES.contain(CometTemplate.class)).isTrue();
		assertThat(MAIN_CLASSES.contain(PackageDependencyTests.class)).isFalse();
	}

	@Test
	void packagesHaveNoCycles() {
		slices().assignedFrom(new TopLevelPackages()).should().beFreeOfCycles().check(MAIN_CLASSES);
	}

	@Test
	void resilienceDependsOnlyOnErrorTypes() {
		classes().that()
			.resideInAPackage(CLIENT + ".resilience..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(CLIENT + ".resilience..", CLIENT + ".error..", "java..", "reactor..",
					"org.reactivestreams..", "org.slf4j..", "io.netty.util..")
			.check(MAIN_CLASSES);
	}

	@Test
	void listenerDependsOnlyOnErrorTypes() {
		classes().that()
			.resideInAPackage(CLIENT + ".listener..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(CLIENT + ".listener..", CLIENT + ".error..", "java..", "reactor.util.context..")
			.check(MAIN_CLASSES);
	}

	@Test
	void pipelineDoesNotKnowMicrometerObservation() {
		noClasses().that()
			.resideInAPackage(CLIENT)
			.and()
			.doNotHaveFullyQualifiedName(CometTemplate.Builder.class.getName())
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.micrometer.observation..")
			.because("observation attaches through the listener; only the builder's convenience installs it")
			.check(MAIN_CLASSES);
	}

	@Test
	void wireTypesDependOnlyOnErrorTypesAndTheObservationsReadInterfaces() {
		classes().that()
			.resideInAPackage(CLIENT + ".wire..")
			.should()
			.onlyDependOnClassesThat(
					resideInAnyPackage(CLIENT + ".wire..", CLIENT + ".error..", "java..", "com.fasterxml.jackson..")
						.or(belongToAnyOf(CometAnswer.class, CometChatParameters.class, CometEmbeddingParameters.class,
								CometTokenUsage.class)))
			.check(MAIN_CLASSES);
	}

	@Test
	void onlyTheTemplatesPackageKnowsTheWireTypes() {
		noClasses().that()
			.resideOutsideOfPackages(CLIENT, CLIENT + ".wire..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(CLIENT + ".wire..")
			.check(MAIN_CLASSES);
	}

	@Test
	void errorTypesDependOnNoOtherPackageOfTheClient() {
		noClasses().that()
			.resideInAPackage(CLIENT + ".error..")
			.should()
			.dependOnClassesThat(otherClientPackageThan(CLIENT + ".error"))
			.check(MAIN_CLASSES);
	}

	@Test
	void catalogObservationAndClusterDoNotDependOnTheTemplatesPackage() {
		noClasses().that()
			.resideInAnyPackage(CLIENT + ".catalog..", CLIENT + ".observation..", CLIENT + ".cluster..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(CLIENT)
			.check(MAIN_CLASSES);
	}

	@Test
	void clusterDependsOnlyOnResilienceAndErrorTypes() {
		noClasses().that()
			.resideInAPackage(CLIENT + ".cluster..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(CLIENT, CLIENT + ".catalog..", CLIENT + ".observation..")
			.check(MAIN_CLASSES);
	}

	@Test
	void observationDoesNotDependOnTheCluster() {
		noClasses().that()
			.resideInAPackage(CLIENT + ".observation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(CLIENT + ".cluster..")
			.check(MAIN_CLASSES);
	}

	@Test
	void internalHelpersDependOnNoOtherPackageOfTheClient() {
		noClasses().that()
			.resideInAPackage(CLIENT + ".internal..")
			.should()
			.dependOnClassesThat(otherClientPackageThan(CLIENT + ".internal"))
			.check(MAIN_CLASSES);
	}

	@Test
	void nothingDependsOnSpringBoot() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(MAIN_CLASSES);
	}

	private static DescribedPredicate<JavaClass> otherClientPackageThan(String own) {
		return DescribedPredicate.describe("reside in a package of the client other than " + own,
				(type) -> type.getPackageName().startsWith(CLIENT) && !type.getPackageName().startsWith(own));
	}

	/**
	 * One slice per package directly below {@code com.cometapi.client}, and one for that
	 * package itself (the template and its pipeline).
	 */
	private static final class TopLevelPackages implements SliceAssignment {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass type) {
			String name = type.getPackageName();
			if (name.equals(CLIENT)) {
				return SliceIdentifier.of("client");
			}
			if (name.startsWith(CLIENT + ".")) {
				String rest = name.substring(CLIENT.length() + 1);
				int dot = rest.indexOf('.');
				return SliceIdentifier.of((dot < 0) ? rest : rest.substring(0, dot));
			}
			return SliceIdentifier.ignore();
		}

		@Override
		public String getDescription() {
			return "packages directly below " + CLIENT;
		}

	}

}
