package com.hcc.webhooks;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.hcc.webhooks.delivery.boundary.Attempts;
import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.delivery.boundary.DeliveryStop;
import com.hcc.webhooks.delivery.boundary.DuePoller;
import com.hcc.webhooks.delivery.boundary.Workers;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of docs/architecture.md, held by tests over the compiled classes of all three modules: the
 * domain stays plain JPA, the delivery engine is used only through its face, the features do not depend on each
 * other in a circle, the engine's parts do not call back up, and the adapters at the edge (MDBs, JAX-RS resources)
 * hold no SQL. A rule broken names the classes and the dependency that breaks it.
 */
class ArchitectureTest {

    static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.hcc.webhooks");
    }

    /** Found at all: a rule over no classes would pass for nothing. */
    @Test
    void theThreeModulesAreImported() {
        for (String name : new String[] {"com.hcc.webhooks.delivery.entity.Delivery",
                "com.hcc.webhooks.delivery.boundary.Deliveries", "com.hcc.webhooks.logs.boundary.LogsResource"}) {
            if (!product.contain(name)) {
                throw new AssertionError(name + " was not imported: the rules below would check nothing");
            }
        }
    }

    @Test
    void theDomainUsesOnlyJpaAndBeanValidation() {
        classes().that().resideInAPackage("com.hcc.webhooks..entity..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.persistence..",
                        "jakarta.validation..", "com.hcc.webhooks..entity..")
                .because("the domain module is plain JPA: the engine, the API and the portal build on it")
                .check(product);
    }

    /** The delivery engine's face: Deliveries (and the types nested in it); its entities are the domain's. */
    static final DescribedPredicate<JavaClass> THE_FACE_OR_THE_DOMAIN = new DescribedPredicate<>(
            "Deliveries or a delivery entity") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().equals("com.hcc.webhooks.delivery.entity")
                    || c.getName().equals("com.hcc.webhooks.delivery.boundary.Deliveries")
                    || c.getName().startsWith("com.hcc.webhooks.delivery.boundary.Deliveries$");
        }
    };

    @Test
    void otherFeaturesUseTheDeliveryEngineOnlyThroughItsFace() {
        noClasses().that().resideOutsideOfPackage("com.hcc.webhooks.delivery..")
                .should().dependOnClassesThat(resideInAPackage("com.hcc.webhooks.delivery..")
                        .and(DescribedPredicate.not(THE_FACE_OR_THE_DOMAIN)))
                .because("the engine's workers, claims, records, order and HTTP client are its own: features ask"
                        + " Deliveries (docs/architecture.md, \"The delivery engine\")")
                .check(product);
    }

    /**
     * The web module's platform: sign-in, the caller and their account selection, problem mappers, the OpenAPI
     * schemas, the portal's form helpers. A shell over every feature (it asks users and accounts who is calling)
     * that every feature's resources and pages stand in, so it is a layer of its own, not a feature.
     */
    static final DescribedPredicate<JavaClass> WEB_SHELL = new DescribedPredicate<>("the web module's platform") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().equals("com.hcc.webhooks.platform.boundary")
                    && c.getSource().map(s -> s.getUri().toString().contains("web-module")).orElse(false);
        }
    };

    @Test
    void theWebShellIsFoundWhereItIs() {
        if (!WEB_SHELL.test(product.get("com.hcc.webhooks.platform.boundary.Caller"))
                || WEB_SHELL.test(product.get("com.hcc.webhooks.platform.boundary.Telemetry"))) {
            throw new AssertionError("the web module's classes are not told from the engine's by their location");
        }
    }

    @Test
    void featuresDoNotDependOnEachOtherInACircle() {
        slices().matching("com.hcc.webhooks.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                // the entities are the shared domain (domain-module), referring to each other as JPA relations
                .ignoreDependency(alwaysTrue(), resideInAPackage("com.hcc.webhooks..entity.."))
                .ignoreDependency(WEB_SHELL, alwaysTrue())
                .ignoreDependency(alwaysTrue(), WEB_SHELL)
                .check(product);
    }

    @Test
    void theEnginesPartsDoNotCallBackUp() {
        // one owner of the pool, its queues and slots (Workers); it calls Attempts, which calls Claims and Records
        ArchRule rule = noClasses().that().resideInAPackage("com.hcc.webhooks.delivery..")
                .and().doNotBelongToAnyOf(Workers.class, Deliveries.class, DuePoller.class, DeliveryStop.class)
                .should().dependOnClassesThat().belongToAnyOf(Workers.class)
                .because("only the face, the poller and the stop hand work to the workers");
        rule.check(product);
        noClasses().that().resideInAPackage("com.hcc.webhooks.delivery..")
                .and().doNotBelongToAnyOf(Workers.class, Attempts.class)
                .should().dependOnClassesThat().belongToAnyOf(Attempts.class)
                .because("Attempts is told what to attempt, by Workers only")
                .check(product);
        noClasses().that().resideInAPackage("com.hcc.webhooks.delivery.control..")
                .should().dependOnClassesThat().resideInAnyPackage("com.hcc.webhooks..boundary..", "jakarta.ejb..",
                        "jakarta.enterprise..", "jakarta.persistence..")
                .because("control classes are pure Java, unit-tested without a container")
                .check(product);
    }

    /**
     * A session bean is called through its no-interface view, where only public methods are business methods: a
     * call to another of its methods compiles and fails at run time ("Illegal non-business method access").
     */
    @Test
    void sessionBeansAreCalledOnlyThroughPublicMethods() {
        noClasses().should().callMethodWhere(new DescribedPredicate<JavaMethodCall>(
                        "the target is a session bean's method that is not public, called from another class") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        JavaClass bean = call.getTargetOwner();
                        return (bean.isAnnotatedWith("jakarta.ejb.Stateless") || bean.isAnnotatedWith("jakarta.ejb.Singleton"))
                                && !call.getOriginOwner().equals(bean)
                                && !call.getOriginOwner().getEnclosingClass().map(bean::equals).orElse(false)
                                && call.getTarget().resolveMember()
                                        .map(m -> !m.getModifiers().contains(JavaModifier.PUBLIC)).orElse(false);
                    }
                })
                .check(product);
    }

    @Test
    void messageDrivenBeansAndResourcesHoldNoSql() {
        noClasses().that().areAnnotatedWith("jakarta.ejb.MessageDriven").or().areAnnotatedWith("jakarta.ws.rs.Path")
                .should().dependOnClassesThat(resideInAnyPackage("jakarta.persistence..", "java.sql.."))
                .because("an adapter converts and delegates: the boundary beans behind it own the transactions and"
                        + " the queries")
                .check(product);
    }
}
