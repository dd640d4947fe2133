package dev.coffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries of docs/architecture.md hold: no cycles, each module uses only what its package-info allows,
 * and only through other modules' root packages. Pages live in their feature's module, so a page that reached into
 * another module's internals (say the pay page into {@code ledger.account}) fails {@link #modulesRespectTheirBoundaries}.
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(CofferApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void featureModulesExposeOnlyTheirRootPackage() {
        var shared = Set.of("platform", "cli");
        for (var module : modules) {
            if (shared.contains(module.getIdentifier().toString())) {
                continue;
            }
            assertThat(module.getNamedInterfaces().stream().filter(NamedInterface::isNamed)
                    .map(NamedInterface::getName))
                    .as("named interfaces of %s (only its root package is its API)", module.getIdentifier())
                    .isEmpty();
        }
    }

    @Test
    void everyModuleDeclaresWhatItMayUse() throws Exception {
        for (var module : modules) {
            var info = Class.forName(module.getBasePackage().getName() + ".package-info");
            var declared = info.getAnnotation(ApplicationModule.class);
            assertThat(declared).as("%s has an @ApplicationModule package-info", module.getIdentifier()).isNotNull();
            assertThat(declared.allowedDependencies())
                    .as("%s declares allowedDependencies", module.getIdentifier())
                    .isNotEqualTo(ApplicationModule.class.getMethod("allowedDependencies").getDefaultValue());
        }
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
