import type { Schema, Struct } from '@strapi/strapi';

export interface CaseStudyContact extends Struct.ComponentSchema {
  collectionName: 'components_case_study_contacts';
  info: {
    description: 'Who to ask about the case study.';
    displayName: 'Contact';
  };
  attributes: {
    email: Schema.Attribute.Email &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 254;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
        minLength: 1;
      }>;
    role: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
  };
}

export interface CaseStudyLink extends Struct.ComponentSchema {
  collectionName: 'components_case_study_links';
  info: {
    description: 'An external page about the case study.';
    displayName: 'Link';
  };
  attributes: {
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
        minLength: 1;
      }>;
    url: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
        minLength: 1;
      }>;
  };
}

export interface CaseStudySection extends Struct.ComponentSchema {
  collectionName: 'components_case_study_sections';
  info: {
    description: 'A headed part of a case study: Introduction, The challenge, The solution, The impact ...';
    displayName: 'Section';
  };
  attributes: {
    body: Schema.Attribute.RichText &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20000;
        minLength: 1;
      }>;
    heading: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
        minLength: 1;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'case-study.contact': CaseStudyContact;
      'case-study.link': CaseStudyLink;
      'case-study.section': CaseStudySection;
    }
  }
}
